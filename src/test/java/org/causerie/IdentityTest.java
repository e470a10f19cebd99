package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rights and conversations follow an identity (an account, or one guest connection), never a nickname:
 * a guest nickname taken later by someone else opens neither the old conversation nor the old operator
 * rights, and a guest who changes its name keeps both.
 */
class IdentityTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void aGuestNicknameTakenLaterDoesNotOpenTheOldConversation() {
        try (Wire alice = Wire.join(server.port(), "alice")) {
            try (Wire bob = Wire.join(server.port(), "bob")) {
                alice.send("/msg bob our secret").expect("@ alice -> bob: our secret");
                bob.expect("@ alice -> bob: our secret");
                bob.send("/history alice").expect(line -> line.endsWith("alice -> bob: our secret"));
                bob.expect("= 1 message of alice (1-1)");
            }
            await().atMost(Wire.TIMEOUT).until(() -> server.server().sessions() == 1); // the nickname is free
            try (Wire mallory = Wire.join(server.port(), "bob")) {
                int mark = mallory.mark();
                assertThat(mallory.ask("/history alice")).isEqualTo("= no messages of alice");
                mallory.assertNoneSince(mark, "the old bob's conversation", line -> line.contains("secret"));
                // Nor does alice, asking for "bob", get the old conversation: this bob is someone else.
                int aliceMark = alice.mark();
                assertThat(alice.ask("/history bob")).isEqualTo("= no messages of bob");
                alice.assertNoneSince(aliceMark, "the old bob's conversation", line -> line.contains("secret"));
            }
        }
    }

    @Test
    void operatorRightsFollowTheGuestNotItsNickname() {
        try (Wire alice = Wire.join(server.port(), "alice"); Wire carol = Wire.join(server.port(), "carol")) {
            alice.send("/join #den").expect("* #den: alice joined");
            carol.send("/join #den").expect("* #den: carol joined");
            alice.expect("* #den: carol joined");
            // A rename keeps the rights: they belong to the connection, not the name.
            alice.send("/nick alicia").expect("* #den: alice is now alicia");
            alice.send("/voice carol").expect("* #den: alicia sets +v carol");
            carol.expect("* #den: alicia sets +v carol");
            // The name "alice", taken by someone else, carries none.
            try (Wire mallory = Wire.join(server.port(), "alice")) {
                mallory.send("/join #den").expect("* #den: alice joined");
                carol.expect("* #den: alice joined");
                int mark = carol.mark();
                mallory.send("/kick carol").expect("! not-operator: you are not an operator of #den");
                mallory.send("/op alice").expect("! not-operator: you are not an operator of #den");
                carol.assertNoneSince(mark, "a kick or a grant by the new alice", line -> line.contains("kicked")
                        || line.contains("sets +o"));
                alice.send("/kick alice bye").expect("* #den: alicia kicked alice (bye)");
            }
        }
    }
}
