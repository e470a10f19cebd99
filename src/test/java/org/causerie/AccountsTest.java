package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts over the wire: register, login, logout, password, and the protection of a registered nickname. */
class AccountsTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void registerThenLoginFromAnotherConnection() {
        try (Wire alice = server.connect()) {
            Transcript.play(alice, """
                    > /register sesame-open
                    < ! bad-nick: choose a nickname first (/nick NAME), then /register PASSWORD
                    > /nick alice
                    < * #general: guest-1 is now alice
                    > /register short
                    < ! bad-password: a password has 8 to 128 characters
                    > /register sesame-open
                    < = registered alice; you are logged in
                    > /register again-and-again
                    < ! already-registered: you are logged in as alice
                    > /nick alicia
                    < ! logged-in: you are logged in as alice: /logout to change nickname
                    > /logout
                    < * #general: alice is now guest-1
                    < = logged out; you are guest-1
                    > /nick alice
                    < ! nick-registered: alice is registered: /login alice PASSWORD
                    > /login ALICE sesame-open
                    < * #general: guest-1 is now alice
                    < = you are logged in as alice
                    """);
        }
        try (Wire again = server.connect()) {
            again.send("/login alice sesame-open");
            again.expect("* #general: guest-2 is now alice");
            again.expect("= you are logged in as alice");
        }
    }

    @Test
    void wrongPasswordsAndUnknownAccountsLookAlikeAndAreSlowedDown() {
        try (Wire owner = server.connect(); Wire guesser = server.connect()) {
            owner.send("/nick owner").expect("* #general: guest-1 is now owner");
            owner.send("/register correct-horse").expect("= registered owner; you are logged in");
            guesser.expect("* #general: guest-1 is now owner");
            Transcript.play(guesser, """
                    > /login nobody whatever-pass
                    < ! bad-login: wrong nickname or password
                    > /login owner wrong-pass-1
                    < ! bad-login: wrong nickname or password
                    > /login owner wrong-pass-2
                    < ! bad-login: wrong nickname or password
                    > /login owner wrong-pass-3
                    < ! bad-login: wrong nickname or password
                    > /login owner correct-horse
                    <~ ! too-many-attempts: too many failed attempts: try again in \\d+ s
                    > /login owner
                    < ! bad-usage: usage: /login NICK PASSWORD
                    """);
            // The owner's own session is untouched by the guesser.
            owner.send("/ping").expect("= pong");
        }
    }

    @Test
    void passwordChangeTakesEffect() {
        try (Wire alice = server.connect()) {
            Transcript.play(alice, """
                    > /password old-password new-password
                    < ! not-logged-in: you are not logged in: /login NICK PASSWORD
                    > /nick alice
                    < * #general: guest-1 is now alice
                    > /register old-password
                    < = registered alice; you are logged in
                    > /password not-the-one new-password
                    < ! bad-login: the current password is wrong
                    > /password old-password tiny
                    < ! bad-password: a password has 8 to 128 characters
                    > /password old-password new-password
                    < = password changed
                    """);
        }
        try (Wire again = server.connect()) {
            again.send("/login alice old-password").expect("! bad-login: wrong nickname or password");
            again.send("/login alice new-password").expect("= you are logged in as alice");
        }
    }

    @Test
    void twoConnectionsOfOneAccountShareTheNicknameAndItsPrivateMessages() {
        try (Wire phone = server.connect(); Wire laptop = server.connect(); Wire bob = server.connect()) {
            phone.send("/nick alice").expect("* #general: guest-1 is now alice");
            phone.send("/register sesame-open").expect("= registered alice; you are logged in");
            laptop.send("/login alice sesame-open").expect("= you are logged in as alice");
            phone.expect("* #general: guest-2 is now alice");
            bob.send("/nick bob").expect("* #general: guest-3 is now bob");
            Transcript.play(Map.of("phone", phone, "laptop", laptop, "bob", bob), """
                    bob> /msg alice are you there?
                    bob< @ bob -> alice: are you there?
                    phone< * #general: guest-3 is now bob
                    phone< @ bob -> alice: are you there?
                    laptop< * #general: guest-3 is now bob
                    laptop< @ bob -> alice: are you there?
                    laptop> /msg bob yes, from my laptop
                    laptop< @ alice -> bob: yes, from my laptop
                    phone< @ alice -> bob: yes, from my laptop
                    bob< @ alice -> bob: yes, from my laptop
                    """);
            int mark = bob.mark();
            phone.send("/quit").expect("= bye");
            laptop.send("/msg bob still here").expect("@ alice -> bob: still here");
            bob.expect("@ alice -> bob: still here");
            // alice is still in #general through the laptop: the room hears her quit with her last session
            bob.assertNoneSince(mark, "no quit while the laptop stays", line -> line.contains("alice quit"));
            laptop.send("/quit").expect("= bye");
            bob.expect("* #general: alice quit (quit)");
        }
    }

    @Test
    void sqlMetacharactersAreJustText() {
        try (Wire wire = server.connect()) {
            Transcript.play(wire, """
                    > /join #x'--
                    < ! bad-room: a room name has only letters, digits and -_. after the # (not ''')
                    > /login bob';DROP-TABLE-accounts;-- pw' OR '1'='1
                    < ! bad-usage: usage: /login NICK PASSWORD
                    > /login bob';DROP pw'OR'1'='1
                    < ! bad-login: wrong nickname or password
                    > /nick Robert_
                    < * #general: guest-1 is now Robert_
                    > /register x');DELETE%_\\FROM
                    < = registered Robert_; you are logged in
                    > '); DROP TABLE room_messages; -- 100% _sure_ \\
                    < #general <Robert_> '); DROP TABLE room_messages; -- 100% _sure_ \\
                    > /history #general 1
                    <~ #general \\[[0-9 :-]+\\] <Robert_> '\\); DROP TABLE room_messages; -- 100% _sure_ \\\\
                    < = 1 message of #general (1-1)
                    """);
        }
        try (Wire again = server.connect()) {
            again.send("/login robert_ x');DELETE%_\\FROM").expect("= you are logged in as Robert_");
        }
    }

    @Test
    void aMegabytePasswordIsRefusedAtTheDoor() {
        try (Wire wire = server.connect()) {
            wire.send("/nick mallory").expect("* #general: guest-1 is now mallory");
            wire.send("/register " + "p".repeat(1_000_000));
            assertThat(wire.next()).startsWith("! line-too-long:");
            wire.send("/register " + "p".repeat(129)).expect("! bad-password: a password has 8 to 128 characters");
            wire.send("/ping").expect("= pong");
        }
    }
}
