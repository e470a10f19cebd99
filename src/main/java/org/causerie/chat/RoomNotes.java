package org.causerie.chat;

import org.causerie.bus.Note;
import org.causerie.event.Event;

/**
 * The room events other than messages (joins, parts, quits, kicks, nick, topic and mode changes,
 * invitations, closes) as bus notes and back. A reason may be absent (null), which is not the empty reason: {@code flag} says so.
 * What a node needs to carry an event out besides showing it (a mode change's argument, a kicked member's
 * identity, a dead node's name: see {@link RoomEffects}) is its {@code about}, the note's {@code extra}.
 */
final class RoomNotes {
    private RoomNotes() {}

    /**
     * The note of a room event a member of this node caused, {@code about} what carries it out ("" for
     * most); null for an event that does not travel.
     */
    static Note note(String node, Event event, String about) {
        long now = System.currentTimeMillis();
        return switch (event) {
            case Event.Joined e -> note(node, Note.Kind.JOINED, e.room(), now, e.nick(), "", null, about);
            case Event.Parted e -> note(node, Note.Kind.PARTED, e.room(), now, e.nick(), "", e.reason(), about);
            case Event.Quit e -> note(node, Note.Kind.QUIT, e.room(), now, e.nick(), "", e.reason(), about);
            case Event.NickChanged e -> note(node, Note.Kind.NICK, e.room(), now, e.nick(), e.newNick(), null, about);
            case Event.Kicked e when e.nick().isEmpty() -> note(node, Note.Kind.CLOSED, e.room(), now, e.by(), "",
                    e.reason(), about);
            case Event.Kicked e -> note(node, Note.Kind.KICKED, e.room(), now, e.by(), e.nick(), e.reason(), about);
            case Event.Invited e -> note(node, Note.Kind.INVITED, e.room(), now, e.by(), e.nick(), "", about);
            case Event.ModeChanged e -> note(node, Note.Kind.MODE, e.room(), now, e.by(), "", e.change(), about);
            case Event.TopicChanged e -> note(node, Note.Kind.TOPIC, e.room(), now, e.nick() == null ? "" : e.nick(), "",
                    e.topic(), about);
            default -> null;
        };
    }

    private static Note note(String node, Note.Kind kind, String room, long ts, String nick, String target, String text,
            String about) {
        return new Note(Note.VERSION, node, kind, room, 0, ts, nick, "", target, text == null ? "" : text, text == null,
                about == null ? "" : about);
    }

    /**
     * The entry a cluster's journal stores for a room event a member of {@code node} caused (or, for a
     * dead node's user, {@code node} told), to be given its place in the room's sequence; null for an
     * event that does not travel.
     */
    static org.causerie.store.Entry.RoomEvent entry(String node, Event event, String about) {
        Note note = note(node, event, about);
        return note == null ? null : new org.causerie.store.Entry.RoomEvent(note.room(), 0,
                java.time.Instant.ofEpochMilli(note.ts()), note.kind().code, note.nick(), note.target(), note.text(),
                note.flag(), node, note.extra());
    }

    /** The note of a room event the store gave its place. */
    static Note note(org.causerie.store.Entry.RoomEvent e) {
        return new Note(Note.VERSION, e.node(), Note.Kind.of(e.kind()), e.room(), 0, e.ts().toEpochMilli(), e.nick(), "",
                e.target(), e.text(), e.flag(), e.about(), e.seq());
    }

    /** The event of a room note, shown in {@code room} (its spelling here); null for a message or a private note. */
    static Event event(Note note, String room) {
        if (note.kind() == null) {
            return null;
        }
        String text = note.flag() ? null : note.text();
        return switch (note.kind()) {
            case JOINED -> new Event.Joined(room, note.nick());
            case PARTED -> new Event.Parted(room, note.nick(), text);
            case QUIT -> new Event.Quit(room, note.nick(), text);
            case NICK -> new Event.NickChanged(room, note.nick(), note.target());
            case KICKED -> new Event.Kicked(room, note.target(), note.nick(), text);
            case MODE -> new Event.ModeChanged(room, note.nick(), note.text());
            case TOPIC -> new Event.TopicChanged(room, note.nick().isEmpty() ? null : note.nick(), note.text());
            case INVITED -> new Event.Invited(room, note.nick(), note.target());
            case CLOSED -> closing(room, note.nick(), text);
            case MESSAGE, PRIVATE, KILL, GONE, KICK, MODES, CLOSE -> null;
        };
    }

    /**
     * The room event of a server operator's close, which has no event of its own: a kick of nobody (an empty
     * nickname) by {@code by}. It is never shown as it is: every node carries it out in its place ({@link
     * RoomEffects}), each member shown its own kick and those of its node's members after it.
     */
    static Event.Kicked closing(String room, String by, String reason) {
        return new Event.Kicked(room, "", by, reason);
    }

    /** Whether {@code event} is a close ({@link #closing}). */
    static boolean closing(Event event) {
        return event instanceof Event.Kicked kicked && kicked.nick().isEmpty();
    }
}
