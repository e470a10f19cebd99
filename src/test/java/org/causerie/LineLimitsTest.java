package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input at the framing level: each gets a clear error, the session goes on, and nobody else sees it. */
class LineLimitsTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void aLineOverTheLimitIsRefusedAndTheSessionGoesOn() {
        try (Wire wire = server.connect(); Wire other = server.connect()) {
            wire.expect("* #general: guest-2 joined");
            int mark = other.mark();
            wire.send("a".repeat(4096)).expect("#general <guest-1> " + "a".repeat(4096));
            wire.send("b".repeat(4097));
            assertThat(wire.next()).isEqualTo("! line-too-long: a line has at most 4096 bytes; it was discarded");
            wire.send("c".repeat(1_000_000)); // far over: reported once, never buffered
            assertThat(wire.next()).isEqualTo("! line-too-long: a line has at most 4096 bytes; it was discarded");
            wire.send("/ping").expect("= pong");
            other.assertNoneSince(mark, "a refused line delivered", line -> line.contains("bbbb") || line.contains("cccc"));
        }
    }

    @Test
    void crlfAndLfBothEndALine() {
        try (Wire wire = server.connect()) {
            wire.sendRaw("/echo crlf\r\n/echo lf\n".getBytes(StandardCharsets.US_ASCII));
            wire.expect("= crlf");
            wire.expect("= lf");
        }
    }

    @Test
    void invalidUtf8IsRefused() {
        try (Wire wire = server.connect()) {
            wire.sendRaw(new byte[] {'h', 'i', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            assertThat(wire.next()).isEqualTo("! bad-encoding: the line is not valid UTF-8; it was not sent");
            wire.send("héllo ✓").expect("#general <guest-1> héllo ✓");
        }
    }

    @Test
    void controlCharactersNeverReachAnotherTerminal() {
        try (Wire wire = server.connect(); Wire other = server.connect()) {
            wire.expect("* #general: guest-2 joined");
            int mark = other.mark();
            wire.send("\u001b[2J\u001b[31mred alert");
            assertThat(wire.next()).isEqualTo(
                    "! bad-character: the line has a control character (U+001B) at position 1; it was not sent");
            wire.send("/msg guest-2 bell\u0007");
            assertThat(wire.next()).startsWith("! bad-character:");
            wire.send("/nick evil\u202egnp");
            assertThat(wire.next()).startsWith("! bad-character:");
            wire.send("tab\tis fine").expect("#general <guest-1> tab\tis fine");
            other.expect("#general <guest-1> tab\tis fine");
            other.assertNoneSince(mark, "a control character reached another terminal",
                    line -> line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0));
            other.assertNoneSince(mark, "a refused line reached another terminal",
                    line -> line.contains("red alert") || line.contains("bell") || line.contains("gnp"));
        }
    }
}
