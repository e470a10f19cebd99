package org.causerie.irc;

import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.protocol.Codec;

/**
 * Lines written for one client alone (numerics, CAP and SASL answers), encoded when they are made and
 * queued in the outbox like any event, so that they keep their place among the events.
 */
record Verbatim(byte[] bytes) implements Codec {
    /** The envelope every verbatim line rides in: its event is never read. */
    static final Envelope CARRIER = new Envelope(new Event.Notice(""));

    @Override
    public byte[] encode(Envelope envelope) {
        return bytes;
    }
}
