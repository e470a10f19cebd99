package org.causerie.event;

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

    private final Event event;
    /**
     * Who sent this message, when it is delivered as it is committed or received: a session of this node,
     * or {@link Origin#ELSEWHERE}; null when unknown (an event that is no message, or a message delivered
     * late, after a hole was filled).
     */
    private final Origin origin;
    /** The encodings by slot; made on the first encoding, so an envelope nobody writes costs no array. */
    @SuppressWarnings("unused") // through CACHE
    private volatile byte[][] cache;

    /** An envelope whose sender is not known here. */
    public Envelope(Event event) {
        this(event, null);
    }

    /** An envelope for {@code event}, sent by {@code origin} (null: unknown). */
    public Envelope(Event event, Origin origin) {
        this.event = event;
        this.origin = origin;
    }

    /** Whether this message was sent by {@code session}'s own command (its echo), as far as is known. */
    public boolean sentBy(Origin session) {
        return origin != null && origin == session;
    }

    /**
     * Whether this message was sent by another session than {@code session} under the same nickname: a
     * session of the same account, on this node or another (multiclient). False when the sender is
     * {@code session} itself or unknown (a message delivered late, after a hole was filled).
     */
    public boolean fromAnotherSession(Origin session) {
        return origin != null && origin != session;
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
