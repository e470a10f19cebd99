package org.causerie.protocol;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.causerie.event.Envelope;

/**
 * The registry of shared encodings: each (door, variant) whose bytes are the same for every recipient
 * gets one slot of {@link Envelope}'s cache, for the life of the process. Slots are few on purpose
 * (an envelope carries room for all of them): the line door takes two, the IRC door one per set of
 * capabilities that changes its bytes.
 */
public final class Variants {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ConcurrentHashMap<String, Integer> BY_NAME = new ConcurrentHashMap<>();

    private Variants() {}

    /**
     * The slot of the variant called {@code name} ("line/text", "irc/5"), allocated on its first use;
     * the same name always gets the same slot.
     */
    public static int slot(String name) {
        return BY_NAME.computeIfAbsent(name, unused -> {
            int slot = NEXT.getAndIncrement();
            if (slot >= Envelope.SLOTS) {
                throw new IllegalStateException("more than " + Envelope.SLOTS + " codec variants: " + name);
            }
            return slot;
        });
    }
}
