package org.causerie.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.causerie.bus.Note;
import org.causerie.event.Event;
import org.causerie.store.Account;
import org.causerie.store.Entry;
import org.causerie.store.Store;

/**
 * Private messages: a message is numbered in its conversation (by this node, or by the store in a
 * cluster), committed, then published on the bus; every node delivers it to its own sessions of the
 * recipient and, as an echo, of the sender ({@link #receive}). A registered recipient with no session
 * gets it at their next login.
 */
final class Privates {
    private final Nicks nicks;
    private final Journal journal;
    private final Rules rules;
    /** Bytes of private messages per (sender address, recipient identity); see {@link Rules.Quotas}. */
    private final Budget privateBytes;
    /** Conversation key → the last private message id in it; guarded by the counter's own monitor. */
    private final ConcurrentHashMap<String, long[]> conversations = new ConcurrentHashMap<>();

    /** Whether recipients may be connected to other nodes (a cluster). */
    private final boolean cluster;

    Privates(Nicks nicks, Journal journal, Rules rules, boolean cluster) {
        this.cluster = cluster;
        this.nicks = nicks;
        this.journal = journal;
        this.rules = rules;
        Rules.Quotas quotas = rules.quotas();
        this.privateBytes = new Budget(quotas.privateBytes(), quotas.privateWindow(), System::nanoTime);
    }

    private Store store() {
        return journal.store();
    }

    /**
     * Sends a private message. It reaches every session of the recipient and of the sender once it is
     * stored; a registered recipient with no session gets it at their next login, and the sender is
     * told so once it is stored. A recipient who ignores the sender gets nothing, now or later. Refused:
     * a nickname that changed hands since the sender last wrote to it or heard from it (once: the next
     * send goes to the new holder), and more than one address's budget of bytes to one recipient.
     */
    void tell(Session from, String nick, String text) {
        List<Session> online = nicks.sessions(nick);
        String toNick;
        String toIdentity;
        Account away = null;
        var remote = online.isEmpty() && cluster ? nicks.elsewhere(nick).orElse(null) : null;
        if (!online.isEmpty()) {
            toNick = online.getFirst().nick();
            toIdentity = online.getFirst().identity();
        } else if (remote != null) { // connected to another node: that node delivers what the bus brings
            toNick = remote.nick();
            toIdentity = remote.identity();
        } else {
            away = store().findAccount(nick)
                    .orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick));
            toNick = away.nick();
            toIdentity = "a" + away.id();
        }
        checkSamePerson(from, toNick, toIdentity, online);
        checkPrivateBudget(from, toNick, toIdentity, text);
        String conversation = Store.conversation(from.identity(), toIdentity);
        String fromIdentity = from.identity();
        boolean ignoredWhileAway = away != null && store().ignores(away.id()).stream()
                .anyMatch(ignore -> ignore.identity().equals(fromIdentity));
        long[] last = journal.counted() ? null : conversation(conversation);
        journal.reserve();
        synchronized (last != null ? last : conversations) { // numbering and submitting together keep id order
            long id = last != null ? ++last[0] : 0; // 0: the store numbers it (a cluster)
            var ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var entries = new ArrayList<Entry>(2);
            entries.add(new Entry.PrivateMessage(conversation, id, ts, from.nick(), toNick, text));
            if (away != null && !ignoredWhileAway) {
                entries.add(new Entry.Offline(away.id(), conversation, id));
            }
            org.causerie.metrics.Meters.PRIVATE_MESSAGES.increment();
            journal.submit(entries, from, toIdentity, away != null);
        }
        from.met(toNick, toIdentity);
    }

    /** What the relay publishes for a committed private message; {@code flag}: it was queued for later. */
    static Note note(String node, Entry.PrivateMessage m, boolean queued, String fromIdentity, String toIdentity) {
        return new Note(Note.VERSION, node, Note.Kind.PRIVATE, m.conversation(), m.id(), m.ts().toEpochMilli(), m.from(),
                fromIdentity, m.to(), m.text(), queued, toIdentity);
    }

    /**
     * Delivers a committed private message to this node's sessions: the recipient's (that identity, if
     * it does not ignore the sender) and the sender's, as an echo. One envelope for every copy.
     */
    void receive(Note note) {
        var message = new Event.Private(note.id(), Instant.ofEpochMilli(note.ts()), note.nick(), note.target(), note.text(),
                Event.Delivery.LIVE, note.room()); // a private note's room is its conversation
        var envelope = Relay.envelope(message);
        var recipients = new LinkedHashSet<Session>();
        for (Session session : nicks.sessions(note.target())) {
            if (session.identity().equals(note.extra()) && !session.ignores(note.identity())) {
                recipients.add(session);
            }
        }
        for (Session session : recipients) {
            session.met(message.from(), note.identity());
            session.deliver(envelope);
        }
        for (Session session : nicks.sessions(note.nick())) {
            if (session.identity().equals(note.identity()) && !recipients.contains(session)) {
                session.deliver(envelope);
            }
        }
    }

    /**
     * After a guest leaves, the next holder of its name would receive what was meant for it: the
     * sender is told instead, once. The identity it last met under that name is compared with who holds
     * the name now; a guest that registered the name (the same session) is still the same person.
     */
    private static void checkSamePerson(Session from, String toNick, String toIdentity, List<Session> online) {
        String before = from.metAs(toNick);
        if (before == null || before.equals(toIdentity)
                || online.stream().anyMatch(session -> session.guestIdentity().equals(before))) {
            return;
        }
        from.met(toNick, toIdentity); // told once: the next message goes to whoever holds the name now
        throw new ChatException("nick-reused", toNick + " is a different " + (toIdentity.startsWith("a") ? "person" : "guest")
                + " now: the " + toNick + " you wrote to has left; send again to write to this one");
    }

    /** What one address may send one recipient in private; server operators are not counted. */
    private void checkPrivateBudget(Session from, String toNick, String toIdentity, String text) {
        if (from.address() == null || rules.isOperator(from)) {
            return;
        }
        long cost = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + Rules.Quotas.PRIVATE_OVERHEAD;
        if (!privateBytes.spend(Network.of(from.address()) + " " + toIdentity, cost)) {
            throw new ChatException("too-much-to-one", "your address has sent " + toNick + " too much in private"
                    + " lately (" + rules.quotas().privateBytes() / 1024 + " KiB per "
                    + rules.quotas().privateWindow().toSeconds() + " s): wait a little");
        }
    }

    /** The counter of a conversation, resuming from the store the first time it is used. */
    private long[] conversation(String key) {
        long[] last = conversations.get(key);
        if (last == null) {
            long stored = store().lastPrivateId(key); // read outside the map's locks
            conversations.putIfAbsent(key, new long[] {stored});
            last = conversations.get(key);
        }
        return last;
    }
}
