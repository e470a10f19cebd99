package org.causerie.protocol;

import org.causerie.event.Envelope;

/**
 * How one door writes events for one kind of reader: the line door's text and JSON, an IRC client's
 * set of capabilities. A codec whose bytes do not depend on the recipient keeps them in the envelope's
 * slot of its {@link Variants variant}, so that a broadcast is encoded once per variant and the bytes
 * are shared by every recipient of that variant; what names its recipient (an IRC numeric) is encoded
 * for each recipient and not kept.
 *
 * <p>The codec is fixed when an event is queued ({@code Outbox.send(envelope, codec)}): a change of
 * format or of capabilities applies to what is produced after it, never to what already waits.
 * Implementations are called by writer threads, concurrently: they must be immutable or thread-safe.
 */
public interface Codec {
    /** The event as UTF-8 bytes for the socket, line ending(s) included; never null, maybe empty. */
    byte[] encode(Envelope envelope);
}
