package org.causerie.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.protocol.Codec;

/**
 * One IRC client's codec: the shared lines of its {@link IrcVariant}, taken from the envelope's cache,
 * and the lines that name it (notices, replies), written for it alone. A new one is made when the
 * client's capabilities change; what was queued before keeps the one it was queued with.
 */
final class IrcCodec implements Codec {
    private final IrcVariant variant;
    /** The client asked for echo-message (its sink reads it with the codec). */
    final boolean echo;
    private final String server;
    /** The recipient's nickname as the writer finds it (a reply names who it is for). */
    private final Supplier<String> me;
    private final IrcVariant.Who who;
    /** Encodes a shared event for the envelope's cache: one function for the codec's life, not one per line. */
    private final java.util.function.Function<Event, byte[]> sharedEncoder;

    IrcCodec(int caps, String server, Supplier<String> me, IrcVariant.Who who) {
        this.variant = IrcVariant.of(caps);
        this.echo = Cap.ECHO_MESSAGE.in(caps);
        this.server = server;
        this.me = me;
        this.who = who;
        this.sharedEncoder = event -> variant.encode(event, who);
    }

    /** The lines of a shared event inside batch {@code batch}: for this client alone, never cached. */
    byte[] batched(Event event, String batch) {
        return variant.encode(event, who, batch);
    }

    @Override
    public byte[] encode(Envelope envelope) {
        Event event = envelope.event();
        if (event instanceof Event.Message || IrcVariant.shared(event)) { // a room message first: the fan-out's
            return envelope.encoded(variant.slot, sharedEncoder);
        }
        if (event instanceof Event.Invited i) { // whichever door the inviter used; to the invited, or invite-notify
            return IrcLine.bytes(IrcLine.of(null, Cloak.mask(i.by(), who.account(i.by())), "INVITE",
                    List.of(i.nick(), i.room()), false));
        }
        return IrcLine.bytes(notices(switch (event) {
            case Event.Reply r -> r.text();
            case Event.Error e -> e.text() + " (" + e.code() + ")";
            case Event.Notice n -> n.text();
            case Event.Gap g -> g.room() != null
                    ? g.room() + ": messages " + g.from() + " to " + g.to() + " are no longer kept"
                    : "messages " + g.from() + " to " + g.to() + " with " + g.peer() + " are no longer kept";
            case Event.Welcome w -> "welcome to " + w.server() + " " + w.version();
            default -> event.toString();
        }));
    }

    /** A server NOTICE to the recipient for each line of {@code text}. */
    private List<String> notices(String text) {
        var lines = new ArrayList<String>();
        for (String line : text.split("\n")) {
            lines.add(IrcLine.of(null, server, "NOTICE", List.of(me.get(), line), true));
        }
        return lines;
    }
}
