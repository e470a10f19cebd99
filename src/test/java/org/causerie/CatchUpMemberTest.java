package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /catchup} of a room the session is in already: only what came before its first message there
 * (docs/protocol.md, "Already in the room"), also on a server that replays nothing on join, where the
 * session's first message is the first one broadcast after it came.
 */
class CatchUpMemberTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).build());

    @Test
    void aMembersCatchUpSendsWhatCameBeforeItNeverWhatItGotLive() {
        try (var bob = Wire.join(server.port(), "bob")) {
            bob.send("before 1");
            bob.expect("#general <bob> before 1");
            bob.send("before 2");
            bob.expect("#general <bob> before 2");
            try (var alice = Wire.join(server.port(), "alice")) {
                bob.send("live 3");
                alice.expect("#general <bob> live 3");
                int mark = alice.mark();
                assertThat(alice.ask("/catchup #general 0"))
                        .isEqualTo("= caught up on #general: 2 messages missed (1-2)");
                assertThat(alice.since(mark)).as("what alice missed, and not what she got live")
                        .filteredOn(line -> line.contains("<bob>")).hasSize(2)
                        .noneMatch(line -> line.contains("live 3"));
            }
        }
    }
}
