package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.causerie.audit.Audit;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session tokens over the wire: issued once, resumed without a password, revoked by /logout and /password. */
class TokenTest {
    private static final String TOKEN_REPLY = "= token [A-Za-z0-9_-]{43} \\(valid until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)";

    @RegisterExtension
    final TestServer server = new TestServer();

    /** Registers {@code nick} on a new connection and returns a token for it. */
    private String tokenFor(String nick) {
        try (Wire wire = server.connect()) {
            wire.send("/nick " + nick).expect(line -> line.endsWith(" is now " + nick));
            wire.send("/register " + nick + "-password").expect("= registered " + nick + "; you are logged in");
            String reply = wire.send("/token").expect(line -> line.startsWith("= token "));
            assertThat(reply).matches(TOKEN_REPLY);
            wire.send("/quit").expect("= bye");
            wire.awaitClose(); // its quit is announced before the next connection is seated
            return reply.split(" ")[2];
        }
    }

    @Test
    void aTokenLogsInWithoutAPasswordUntilLogoutRevokesIt() {
        try (Wire guest = server.connect()) {
            guest.send("/token").expect("! not-logged-in: you are not logged in: /login NICK PASSWORD");
        }
        String token = tokenFor("alice");
        // An address of its own: the audit log limits each address's lines per 10 s, JVM-wide.
        try (var audit = CapturedLog.of(Audit.LOGGER); Wire phone = Wire.greetedFrom("127.0.0.41", server.port())) {
            Transcript.play(phone, """
                    > /resume %s
                    < * #general: guest-3 is now alice
                    < = you are logged in as alice
                    > /resume %s
                    < ! already-logged-in: you are logged in as alice already
                    > /logout
                    < * #general: alice is now guest-3
                    < = logged out; you are guest-3
                    > /resume %s
                    < ! bad-token: this token is unknown, expired or revoked: /login NICK PASSWORD
                    """.formatted(token, token, token));
            assertThat(audit.contains("token_resumed", "account=alice")).isTrue();
            assertThat(audit.messages()).noneMatch(line -> line.contains(token)); // never written anywhere
        }
    }

    @Test
    void aPasswordChangeRevokesEveryTokenOfTheAccount() {
        String first = tokenFor("bob");
        String second;
        try (Wire laptop = server.connect()) {
            laptop.send("/resume " + first).expect("= you are logged in as bob");
            second = laptop.send("/token").expect(line -> line.startsWith("= token ")).split(" ")[2];
            assertThat(second).isNotEqualTo(first);
            laptop.send("/password bob-password new-password").expect("= password changed");
        }
        try (Wire wire = server.connect()) {
            wire.send("/resume " + first).expect(line -> line.startsWith("! bad-token: "));
            wire.send("/resume " + second).expect(line -> line.startsWith("! bad-token: "));
            wire.send("/login bob new-password").expect("= you are logged in as bob");
        }
    }

    @Test
    void theJsonReplyCarriesTheTokenAndItsExpiry() {
        tokenFor("carol");
        try (Wire json = server.json()) {
            json.send("/login carol carol-password");
            JsonNode reply = json.expectJson("reply");
            while (!reply.path("command").asText().equals("login")) {
                reply = json.expectJson("reply");
            }
            json.send("/token");
            JsonNode token = json.expectJson("reply");
            assertThat(token.path("command").asText()).isEqualTo("token");
            assertThat(token.path("items").get(0).asText()).matches("[A-Za-z0-9_-]{43}");
            Instant until = Instant.parse(token.path("items").get(1).asText());
            assertThat(until).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                    Instant.now().plus(Duration.ofDays(30)));
        }
    }

    @Test
    void wrongTokensAreThrottledPerAddressLikeWrongPasswords() {
        String token = tokenFor("dave");
        String wrong = "A".repeat(43);
        for (int i = 0; i < 3; i++) {
            try (Wire guesser = server.connect()) { // a new connection each time
                guesser.send("/resume " + wrong).expect(line -> line.startsWith("! bad-token: "));
            }
        }
        try (Wire guesser = server.connect()) {
            guesser.send("/resume " + token).expect(line -> line.startsWith("! too-many-attempts: "));
            guesser.send("/resume not-even-a-token").expect(line -> line.startsWith("! too-many-attempts: "));
        }
        try (Wire owner = Wire.greetedFrom("127.0.0.2", server.port())) {
            owner.send("/resume " + token).expect("= you are logged in as dave");
        }
    }

    @Nested
    class Expiry {
        @RegisterExtension
        final TestServer shortLived = new TestServer(ServerConfig.builder().limits(Limits.builder()
                .accounts(AccountLimits.builder().tokenLifetime(Duration.ofSeconds(1)).build()).build()).build());

        @Test
        void anExpiredTokenIsRefused() {
            String token;
            try (Wire wire = shortLived.connect()) {
                wire.send("/nick erin").expect(line -> line.endsWith(" is now erin"));
                wire.send("/register erin-password").expect("= registered erin; you are logged in");
                token = wire.send("/token").expect(line -> line.startsWith("= token ")).split(" ")[2];
            }
            try (Wire wire = shortLived.connect()) {
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() ->
                        wire.send("/resume " + token).expect(line -> line.startsWith("! ") || line.startsWith("= you"))
                                .startsWith("! bad-token: "));
            }
        }
    }
}
