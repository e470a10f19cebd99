package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, "CR/LF injection into IRC lines": whatever a parameter holds, the line written is
 * one line. No door lets CR, LF or NUL into a name or a text today (line framing and the character
 * check come first), so only this test holds the writer's own guard.
 */
class IrcLineTest {

    @Test
    void carriageReturnsLineFeedsAndNulsInParametersNeverEndTheLine() {
        String line = IrcLine.of(null, "alice!alice@causerie/user/alice", "PRIVMSG",
                List.of("#den", "hi\r\nQUIT :owned\u0000x"), true);
        assertThat(line).doesNotContain("\r", "\n", "\u0000")
                .isEqualTo(":alice!alice@causerie/user/alice PRIVMSG #den :hi  QUIT :owned x");
        assertThat(IrcLine.of("server", "TOPIC", "#den\r\nKILL", "a\nb")).doesNotContain("\r", "\n");
    }
}
