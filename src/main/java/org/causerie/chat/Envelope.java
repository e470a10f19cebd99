package org.causerie.chat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;

/**
 * An event on its way to one or many outboxes. A room message is wrapped once and the same envelope
 * is queued to every member, so each codec variant encodes it once per message, not once per member.
 */
public final class Envelope {
    /** Slots for cached encodings, one per codec variant (see {@code protocol.Variants}). */
    public static final int SLOTS = 32;

    private static final VarHandle CACHE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);

    static {
        try {
            CACHE = MethodHandles.lookup().findVarHandle(Envelope.class, "cache", byte[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The message being delivered on this thread and who caused it: bound by the {@link Relay} around the
     * delivery of one committed message, so that each envelope made for it knows its sender's session.
     */
    static final ScopedValue<Cause> CAUSE = ScopedValue.newInstance();

    /**
     * Who caused message {@code id} of {@code key} (a room's folded name, or {@code ~} and the folded
     * sender for a private message): {@code session} on this node, or null when it came from another node.
     */
    record Cause(Session session, String key, long id) {
        boolean of(Event event) {
            return switch (event) {
                case Event.Message m -> m.id() == id && Names.fold(m.room()).equals(key);
                case Event.Private p -> p.id() == id && key.equals("~" + Names.fold(p.from()));
                default -> false;
            };
        }
    }

    private final Event event;
    /** Who caused this message, when it is delivered as it is committed or received; else null (unknown). */
    private final Cause cause;
    /** The encodings by slot; made on the first encoding, so an envelope nobody writes costs no array. */
    @SuppressWarnings("unused") // through CACHE
    private volatile byte[][] cache;

    public Envelope(Event event) {
        this.event = event;
        Cause bound = CAUSE.isBound() ? CAUSE.get() : null;
        this.cause = bound != null && bound.of(event) ? bound : null;
    }

    /** Whether this message was sent by {@code session}'s own command (its echo), as far as is known. */
    public boolean sentBy(Session session) {
        Cause known = cause;
        return known != null && known.session() == session;
    }

    /**
     * Whether this message was sent by another session than {@code session} under the same nickname: a
     * session of the same account, on this node or another (multiclient). False when the sender is
     * {@code session} itself or unknown (a message delivered late, after a hole was filled).
     */
    public boolean fromAnotherSession(Session session) {
        Cause known = cause;
        return known != null && known.session() != session;
    }

    public Event event() {
        return event;
    }

    /**
     * The encoding of this event in {@code slot}, computed on first use. Two writers may race to
     * encode the same slot; both results are equal, so the loser's work is only wasted, never wrong.
     */
    public byte[] encoded(int slot, Function<Event, byte[]> encoder) {
        byte[][] slots = (byte[][]) CACHE.getAcquire(this);
        if (slots == null) {
            byte[][] fresh = new byte[SLOTS][];
            slots = (byte[][]) CACHE.compareAndExchange(this, null, fresh);
            if (slots == null) {
                slots = fresh;
            }
        }
        byte[] bytes = (byte[]) SLOT.getAcquire(slots, slot);
        if (bytes == null) {
            bytes = encoder.apply(event);
            SLOT.setRelease(slots, slot, bytes);
        }
        return bytes;
    }
}
