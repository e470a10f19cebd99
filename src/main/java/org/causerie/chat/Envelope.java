package org.causerie.chat;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * An event on its way to one or many outboxes. A room message is wrapped once and the same envelope
 * is queued to every member, so each output format is encoded once per message, not once per member.
 */
public final class Envelope {
    /** Slots for cached encodings; a codec picks its slot. */
    public static final int SLOTS = 2;

    private final Event event;
    private final AtomicReferenceArray<byte[]> encoded = new AtomicReferenceArray<>(SLOTS);

    public Envelope(Event event) {
        this.event = event;
    }

    public Event event() {
        return event;
    }

    /**
     * The encoding of this event in {@code slot}, computed on first use. Two writers may race to
     * encode the same slot; both results are equal, so the loser's work is only wasted, never wrong.
     */
    public byte[] encoded(int slot, Function<Event, byte[]> encoder) {
        byte[] bytes = encoded.get(slot);
        if (bytes == null) {
            bytes = encoder.apply(event);
            encoded.set(slot, bytes);
        }
        return bytes;
    }
}
