package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.event.Event;
import org.causerie.protocol.TextCodec;
import org.junit.jupiter.api.Test;

/** The client reads the server's text greeting back: these tests tie its patterns to the codec. */
class TextLinesTest {

    @Test
    void readsBackTheWelcomeAndTheJoinTheCodecWrites() {
        var welcome = new Event.Welcome("causerie", "0.1.0-SNAPSHOT", "guest-12", "#general");
        var joined = new Event.Joined("#general", "guest-12");
        assertThat(TextLines.parse(TextCodec.render(welcome))).isEqualTo(welcome);
        assertThat(TextLines.parse(TextCodec.render(joined))).isEqualTo(joined);
    }

    @Test
    void otherLinesAreNoGreeting() {
        assertThat(TextLines.parse("= 42")).isNull();
        assertThat(TextLines.parse("#general <ann> * #general: bob joined")).isNull();
        assertThat(TextLines.parse(TextCodec.render(new Event.Parted("#general", "ann", "")))).isNull();
    }
}
