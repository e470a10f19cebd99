package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HEAD on the page and its files answers GET's headers, Content-Length included, and no body: checked
 * on a raw socket, which sees every byte the server sends (an HTTP client would hide a stray body).
 */
class PageHeadTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .web(WebConfig.httpOnly()).build());

    @Test
    void headAnswersGetsHeadersWithTheSameLengthAndNoBody() throws IOException {
        for (String path : new String[] {"/", "/index.html", "/app.js", "/render.js", "/style.css"}) {
            Answer get = exchange("GET", path);
            Answer head = exchange("HEAD", path);
            assertThat(get.status()).as("GET %s", path).isEqualTo(200);
            assertThat(get.headers().get("content-length")).as("GET %s", path)
                    .isEqualTo(String.valueOf(get.body().length));
            assertThat(head.status()).as("HEAD %s", path).isEqualTo(200);
            assertThat(head.body()).as("HEAD %s sends no body", path).isEmpty();
            assertThat(head.headers().get("content-length")).as("HEAD %s", path)
                    .isEqualTo(String.valueOf(get.body().length));
            for (String name : new String[] {"content-type", "content-security-policy", "x-content-type-options",
                    "x-frame-options", "referrer-policy", "cache-control"}) {
                assertThat(head.headers().get(name)).as("HEAD %s %s", path, name).isEqualTo(get.headers().get(name));
            }
        }
        Answer missing = exchange("HEAD", "/nothing.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** One request on its own connection ({@code Connection: close}): the answer is everything until the end. */
    private Answer exchange(String method, String path) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().httpPort()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = readAll(socket.getInputStream());
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(end).as("%s %s: a whole head", method, path).isPositive();
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            var headers = new LinkedHashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
