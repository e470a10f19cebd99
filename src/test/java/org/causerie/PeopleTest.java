package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 items 7 and 8, between people: a user's own block list (stored for accounts, across their
 * sessions and doors, in memory for guests); a nickname a guest left, taken by another, is not written
 * to by mistake; and what a stranger can learn of an account is that its name is registered, no more.
 */
class PeopleTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void anAccountsBlockListHoldsForRoomAndPrivateMessagesAndLasts() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            RoomGuardsTest.register(alice, "alice");
            RoomGuardsTest.register(bob, "bob");
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            assertThat(alice.ask("/ignore bob")).isEqualTo("= you ignore bob now");
            assertThat(alice.ask("/ignore BOB")).isEqualTo("! already-ignored: you ignore bob already");
            assertThat(alice.ask("/ignore alice")).isEqualTo("! bad-target: you cannot ignore yourself");
            assertThat(alice.ask("/ignore nobody")).isEqualTo("! no-such-nick: nobody is called nobody");
            bob.send("in the room").expect("#den <bob> in the room");
            bob.send("/msg alice in private").expect("@ bob -> alice: in private");
            alice.send("/ping");
            assertThat(alice.expect(line -> line.equals("= pong") || line.contains("bob>") || line.contains("in ")))
                    .isEqualTo("= pong");

            try (Wire phone = server.connect()) { // another session of alice's has the list too
                phone.send("/login alice alice-password").expect("= you are logged in as alice");
                assertThat(phone.ask("/ignore")).isEqualTo("= you ignore: bob");
            }
            server.restart();
        }
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.send("/login alice alice-password").expect("= you are logged in as alice");
            bob.send("/login bob bob-password").expect("= you are logged in as bob");
            assertThat(alice.ask("/ignore")).isEqualTo("= you ignore: bob");
            bob.send("/msg alice still there?").expect("@ bob -> alice: still there?");
            alice.send("/ping");
            assertThat(alice.expect(line -> line.equals("= pong") || line.contains("still there"))).isEqualTo("= pong");
            assertThat(alice.ask("/unignore bob")).isEqualTo("= you no longer ignore bob");
            bob.send("/msg alice and now?");
            alice.expect("@ bob -> alice: and now?");
            alice.send("/logout").expect(line -> line.endsWith(" is now guest-1") || line.equals("* you are now guest-1"));
        }
    }

    @Test
    void aGuestsBlockListIsItsOwnAndAnAwayAccountDoesNotQueueWhatItIgnores() {
        try (Wire alice = server.connect(); Wire pest = server.connect()) {
            pest.send("/nick pest").expect(line -> line.endsWith("is now pest"));
            alice.expect(line -> line.endsWith("is now pest"));
            assertThat(alice.ask("/ignore pest")).isEqualTo("= you ignore pest now");
            pest.send("noise").expect("#general <pest> noise");
            pest.send("/msg guest-1 psst").expect("@ pest -> guest-1: psst");
            alice.send("/ping");
            assertThat(alice.expect(line -> line.equals("= pong") || line.contains("pest>") || line.contains("psst")))
                    .isEqualTo("= pong");
            // Registering keeps the guest's list for the account; away, it queues nothing from pest.
            RoomGuardsTest.register(alice, "alice");
            alice.send("/quit");
            alice.awaitClose();
            pest.send("/msg alice are you there").expect("= alice is not connected: the message is stored and will be"
                    + " delivered at their next login");
        }
        try (Wire alice = server.connect()) {
            alice.send("/login alice alice-password");
            alice.expect("= you are logged in as alice");
            alice.send("/ping");
            assertThat(alice.expect(line -> line.equals("= pong") || line.contains("are you there"))).isEqualTo("= pong");
        }
    }

    @Test
    void aSenderIsToldWhenAGuestsNameHasChangedHands() {
        // bob writes first: alice met bob by receiving from him.
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            bob.send("/nick bob").expect(line -> line.endsWith("is now bob"));
            alice.send("/nick alice").expect(line -> line.endsWith("is now alice"));
            bob.send("/msg alice hello").expect(line -> line.endsWith(" hello"));
            alice.expect(line -> line.endsWith(" hello"));
            bob.send("/quit");
            bob.awaitClose();
            try (Wire impostor = server.connect()) {
                impostor.send("/nick bob").expect(line -> line.endsWith("is now bob"));
                assertThat(alice.ask("/msg bob my secret")).isEqualTo("! nick-reused: bob is a different guest now:"
                        + " the bob you wrote to has left; send again to write to this one");
                impostor.send("/ping");
                assertThat(impostor.expect(line -> line.equals("= pong") || line.contains("my secret")))
                        .isEqualTo("= pong");
                alice.send("/msg bob hello, new bob").expect(line -> line.endsWith("-> bob: hello, new bob"));
                impostor.expect(line -> line.endsWith("-> bob: hello, new bob"));
            }
        }
    }

    @Test
    void aGuestWhoRegistersItsNameIsStillTheSamePerson() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            bob.send("/nick bob").expect(line -> line.endsWith("is now bob"));
            alice.send("/msg bob hi").expect(line -> line.endsWith("-> bob: hi"));
            bob.send("/register bob-password").expect("= registered bob; you are logged in");
            alice.send("/msg bob again").expect(line -> line.endsWith("-> bob: again"));
        }
    }

    /** Registered names are public (offline delivery needs it); nothing else about an account is. */
    @Test
    void aStrangerLearnsThatANameIsRegisteredAndNothingMore() {
        try (Wire alice = server.connect()) {
            RoomGuardsTest.register(alice, "alice");
            alice.send("/quit");
            alice.awaitClose();
        }
        try (Wire stranger = server.connect()) {
            String answers = String.join("\n",
                    stranger.ask("/msg alice hello"),
                    stranger.ask("/msg nobody hello"),
                    stranger.ask("/nick alice"),
                    stranger.ask("/history alice"),
                    stranger.ask("/ignore alice"),
                    stranger.ask("/who"),
                    stranger.ask("/login alice wrong-password"),
                    stranger.ask("/login nobody wrong-password"));
            assertThat(answers).isEqualTo("""
                    = alice is not connected: the message is stored and will be delivered at their next login
                    ! no-such-nick: nobody is called nobody
                    ! nick-registered: alice is registered: /login alice PASSWORD
                    = 1 message of alice (1-1)
                    = you ignore alice now
                    = #general (1): guest-2
                    ! bad-login: wrong nickname or password
                    ! bad-login: wrong nickname or password""");
            assertThat(answers).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\d|127\\.0\\.0|seen|last");
        }
    }
}
