package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;

/** The hub driven with sinks that keep the envelopes: no socket, no thread (the memory journal is inline). */
class HubTest {
    private final Hub hub = TestHubs.inMemory("causerie", "test");

    /** Keeps every envelope queued for one session. */
    static final class Kept implements Sink {
        final List<Envelope> envelopes = new ArrayList<>();

        @Override
        public void send(Envelope envelope) {
            envelopes.add(envelope);
        }

        Envelope last() {
            return envelopes.getLast();
        }
    }

    @Test
    void bothCopiesOfAPrivateMessageAreOneEnvelope() {
        var toAlice = new Kept();
        var toBob = new Kept();
        Session alice = hub.connect(toAlice);
        Session bob = hub.connect(toBob);
        hub.rename(alice, "alice");
        hub.rename(bob, "bob");

        hub.tell(alice, "bob", "psst");

        // One envelope, so each format encodes the message once for the recipient and the sender's echo.
        assertThat(toBob.last()).isSameAs(toAlice.last());
        assertThat(toBob.last().event()).isInstanceOfSatisfying(Event.Private.class, p -> {
            assertThat(p.from()).isEqualTo("alice");
            assertThat(p.to()).isEqualTo("bob");
            assertThat(p.text()).isEqualTo("psst");
            assertThat(p.delivery()).isEqualTo(Event.Delivery.LIVE);
        });
    }
}
