package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket door on real sockets: frames in, JSON out, the same hub as the line door. */
class WebSocketDoorTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .web(WebConfig.httpOnly().withOrigins(List.of("https://chat.example.org"))).build());

    private int http() {
        return server.server().httpPort();
    }

    @Test
    void jsonFromTheFirstFrameAndTheSameRoomsAsTheLineDoor() {
        try (var ws = Ws.open(http()); var nc = Wire.greeted(server.port())) {
            JsonNode welcome = ws.next();
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(welcome.path("room").asText()).isEqualTo("#general");
            ws.send("/nick webby");
            ws.expect(f -> f.path("type").asText().equals("nick") && f.path("new").asText().equals("webby"));
            ws.send("hello from a browser");
            JsonNode echo = ws.expect("message");
            assertThat(echo.path("text").asText()).isEqualTo("hello from a browser");
            assertThat(echo.path("from").asText()).isEqualTo("webby");
            nc.expect(line -> line.equals("#general <webby> hello from a browser"));
            nc.send("and hello from nc");
            JsonNode fromNc = ws.expect("message");
            assertThat(fromNc.path("text").asText()).isEqualTo("and hello from nc");
            assertThat(fromNc.path("id").asLong()).isEqualTo(echo.path("id").asLong() + 1);
            ws.send("/calc 2^10");
            assertThat(ws.expect("reply").path("text").asText()).isEqualTo("1024");
        }
    }

    @Test
    void aWebSocketSessionStaysJsonAndIsToldWhy() {
        try (var ws = Ws.open(http())) {
            ws.expect("welcome");
            ws.send("/format text");
            JsonNode refused = ws.expect("error");
            assertThat(refused.path("code").asText()).isEqualTo("json-only");
            ws.send("/calc 1+1");
            assertThat(ws.expect("reply").path("text").asText()).isEqualTo("2");
        }
    }

    @Test
    void quitClosesTheSocketAfterTheReply() {
        try (var ws = Ws.open(http())) {
            ws.expect("welcome");
            ws.send("/quit bye all");
            ws.expect("reply");
            assertThat(ws.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void aCrossSiteOriginIsRefusedTheServersOwnAndListedOnesAndNoneAreAllowed() {
        int port = http();
        assertThat(Ws.status(port, Map.of("Origin", "https://evil.example.com"))).isEqualTo(403);
        assertThat(Ws.status(port, Map.of("Origin", "http://127.0.0.1:" + (port + 1)))).isEqualTo(403);
        assertThat(Ws.status(port, Map.of("Origin", "http://127.0.0.1:" + port))).isEqualTo(101);
        assertThat(Ws.status(port, Map.of("Origin", "https://chat.example.org"))).isEqualTo(101);
        assertThat(Ws.status(port, Map.of())).isEqualTo(101);
    }

    /** A browser offers permessage-deflate; the door declines it (docs/web.md says why). */
    @Test
    void compressionOfferedByABrowserIsDeclined() throws Exception {
        String head = RawWs.upgradeHead(http(), "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }

    @Test
    void aLineTooLongIsRefusedAndTheSessionGoesOn() {
        try (var ws = Ws.open(http())) {
            ws.expect("welcome");
            ws.send("x".repeat(server.config().maxLineBytes() + 1));
            assertThat(ws.expect("error").path("code").asText()).isEqualTo("line-too-long");
            ws.send("/calc 3*3");
            assertThat(ws.expect("reply").path("text").asText()).isEqualTo("9");
        }
    }

    @Test
    void controlCharactersInAFrameAreRefusedLikeOnTheLineDoor() {
        try (var ws = Ws.open(http())) {
            ws.expect("welcome");
            ws.send("two\nlines");
            assertThat(ws.expect("error").path("code").asText()).isEqualTo("bad-character");
        }
    }
}
