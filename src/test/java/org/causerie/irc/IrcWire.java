package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.causerie.Wire;

/**
 * An IRC client in a test: a {@link Wire} that speaks IRC, and transcripts written as text blocks,
 * where {@code > } lines are sent and {@code < } lines must be the next lines received, in order;
 * {@code {…}} in an expected line matches anything (a time, a msgid).
 */
final class IrcWire implements AutoCloseable {
    static final String SERVER = "irc.test";
    private final Wire wire;

    private IrcWire(Wire wire) {
        this.wire = wire;
    }

    /** Over TLS, trusting any certificate (the test server's is self-signed). */
    static IrcWire connectTls(int port) {
        try {
            var socket = (javax.net.ssl.SSLSocket) org.causerie.net.TestTls.trustingAll().getSocketFactory()
                    .createSocket("127.0.0.1", port);
            socket.startHandshake();
            return new IrcWire(Wire.over(socket));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static IrcWire connect(int port) {
        return new IrcWire(Wire.connect(port));
    }

    /** Connects and registers as {@code nick}, reading past the welcome (up to 422). */
    static IrcWire registered(int port, String nick) {
        IrcWire irc = connect(port);
        irc.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Real");
        irc.expect(line -> line.startsWith(":" + SERVER + " 422 "));
        return irc;
    }

    IrcWire send(String line) {
        wire.sendRaw((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    String next() {
        return wire.next();
    }

    String expect(java.util.function.Predicate<String> wanted) {
        return wire.expect(wanted);
    }

    /** Skips lines until one equals {@code exact} (with {@code {…}} wildcards). */
    String expect(String exact) {
        Pattern pattern = pattern(exact);
        return wire.expect(line -> pattern.matcher(line).matches());
    }

    /** Plays a transcript: sends the {@code > } lines, and checks that the {@code < } lines come next, in order. */
    IrcWire play(String transcript) {
        for (String line : transcript.strip().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("> ")) {
                send(trimmed.substring(2));
            } else if (trimmed.startsWith("< ")) {
                String got = next();
                assertThat(got).as("after the transcript's lines so far").matches(pattern(trimmed.substring(2)));
            } else if (!trimmed.isEmpty()) {
                throw new IllegalArgumentException("a transcript line starts with > or <: " + line);
            }
        }
        return this;
    }

    /** A round trip (PING), then nothing else may be waiting: what should not have come did not. */
    void assertQuiet() {
        send("PING :quiet");
        assertThat(next()).isEqualTo(":" + SERVER + " PONG " + SERVER + " :quiet");
        wire.assertNothingPending();
    }

    java.util.List<String> awaitClose() {
        return wire.awaitClose();
    }

    private static Pattern pattern(String expected) {
        var parts = new java.util.ArrayList<String>();
        for (String part : expected.split("\\{…}", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    @Override
    public void close() {
        wire.close();
    }
}
