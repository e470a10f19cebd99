package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.ChatServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node stops (an upgrade) while the room goes on talking on another; its client comes back to the
 * restarted node and catches up with exactly what it missed, numbered as the other node saw it, and
 * the private message sent while it was away (a registered user) waits for its login on either node.
 */
class NodeRestartTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aClientOfARestartedNodeCatchesUpOnWhatTheOtherNodeCarried() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice")) {
            long last;
            try (Wire bob = Wire.joinJson(two.port(), "bob")) {
                bob.send("/register bob-password").expect(line -> line.contains("registered bob"));
                alice.send("before the restart");
                last = bob.expectJson("message").get("id").asLong();
            }
            cluster.stop(two);
            alice.send("while two was down");
            alice.send("/msg bob are you back?");
            alice.expect(line -> line.contains("bob is not connected"));
            ChatServer again = cluster.start("two");
            try (Wire bob = Wire.connect(again.port())) {
                bob.expect(line -> line.startsWith("- welcome"));
                bob.send("/catchup #general " + last); // the first line: exactly what was missed, then live
                bob.send("/format json");
                String missed = bob.expect(line -> line.contains("while two was down"));
                assertThat(missed).startsWith("#general [").endsWith("<alice> while two was down");
                bob.send("/login bob bob-password");
                bob.expect(line -> line.contains("are you back?"));
                alice.send("after the restart");
                var after = bob.expectJson("message");
                assertThat(after.get("text").asText()).isEqualTo("after the restart");
                assertThat(after.get("id").asLong()).isEqualTo(last + 2);
            }
        }
    }
}
