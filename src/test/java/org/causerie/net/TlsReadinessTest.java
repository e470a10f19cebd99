package org.causerie.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.causerie.Arrivals;
import org.causerie.IrcConfig;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.TlsConfig;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.causerie.audit.Audit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 for TLS (docs/concurrency.md): a TLS connection is read on readiness through an
 * {@code SSLEngine}, as a plain one is. Idle, on the line door's and the IRC door's TLS ports, it holds
 * no thread and no buffer, and still answers; a client in its handshake waits without a thread and is
 * cut at the deadline; records that come a byte at a time, messages larger than a record both ways, a
 * key update, a PROXY header before TLS and a client that stops reading are all served without holding
 * up anybody else.
 */
class TlsReadinessTest {
    private static final TlsConfig SELF_SIGNED = new TlsConfig(0, null, null, true);
    /** Threads that would be held for a connection: its reader, the listener's thread, a handshake's step. */
    private static final String CONNECTION_THREADS = "(conn|irc)-\\d+|conn|handshake";

    /** A TLS client over {@code tcp} (connected), its handshake done. */
    private static SSLSocket secure(Socket tcp, int port) throws Exception {
        var tls = (SSLSocket) TestTls.trustingAll().getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        tls.setSoTimeout((int) Wire.TIMEOUT.toMillis());
        tls.startHandshake();
        return tls;
    }

    private static Wire tls(int port) throws Exception {
        var tcp = new Socket();
        tcp.connect(new InetSocketAddress("127.0.0.1", port), (int) Wire.TIMEOUT.toMillis());
        return Wire.over(secure(tcp, port));
    }

    /** The record buffers lent by {@link Buffers#RECORDS} hold the largest record the JDK's engine makes or takes. */
    @Test
    void aRecordBufferHoldsTheLargestRecord() throws Exception {
        var engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        assertThat(Buffers.RECORDS.size).isGreaterThanOrEqualTo(engine.getSession().getPacketBufferSize())
                .isGreaterThanOrEqualTo(engine.getSession().getApplicationBufferSize());
    }

    @Nested
    class Idle {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED)
                .irc(new IrcConfig(0, "irc.test", 0, null)).build());

        @Test
        void idleTlsConnectionsHoldNoThreadAndNoBufferAndStillAnswer() throws Exception {
            var clients = new ArrayList<Wire>();
            try {
                for (int i = 0; i < 20; i++) {
                    Wire wire = tls(server.server().tlsPort());
                    clients.add(wire);
                    wire.expect(line -> line.startsWith("- welcome"));
                    wire.send("/ping").expect("= pong");
                }
                Wire irc = tls(server.server().ircTlsPort());
                clients.add(irc);
                irc.sendRaw("NICK ann\r\nUSER ann 0 * :Ann\r\n".getBytes(UTF_8));
                irc.expect(line -> line.startsWith(":irc.test 422 "));

                await().atMost(Wire.TIMEOUT).until(
                        () -> IdleConnectionTest.threadsNamed(CONNECTION_THREADS).isEmpty() && Buffers.lent() == 0);

                clients.get(7).send("/ping").expect("= pong");
                irc.sendRaw("PING :again\r\n".getBytes(UTF_8));
                irc.expect(line -> line.endsWith(" :again"));
                await().atMost(Wire.TIMEOUT).until(
                        () -> IdleConnectionTest.threadsNamed(CONNECTION_THREADS).isEmpty() && Buffers.lent() == 0);
            } finally {
                clients.forEach(Wire::close);
            }
        }

        /** The client's own handshake messages, cut into TCP segments of one byte each, paced. */
        @Test
        void aClientThatSendsOneByteAtATimeIsServed() throws Exception {
            var tcp = new Dribbling();
            tcp.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
            tcp.setTcpNoDelay(true);
            try (Wire slow = Wire.over(secure(tcp, server.server().tlsPort()))) {
                slow.expect(line -> line.startsWith("- welcome"));
                String text = "é-" + "0123456789".repeat(20);
                assertThat(slow.ask("/echo " + text)).isEqualTo("= " + text);
                assertThat(tcp.written).as("every byte went out alone").isGreaterThan(300);
            }
        }

        /** A session that ends (here by /quit) ends its TLS with close_notify, the last record before the TCP end. */
        @Test
        void anEndingSessionSendsCloseNotifyLast() throws Exception {
            var tcp = new Teeing();
            tcp.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
            var tls = (SSLSocket) TestTls.trustingAll().getSocketFactory()
                    .createSocket(tcp, "127.0.0.1", server.server().tlsPort(), true);
            tls.setEnabledProtocols(new String[] {"TLSv1.2"}); // its alerts travel as alert records, readable here
            tls.setSoTimeout((int) Wire.TIMEOUT.toMillis());
            try (tls) {
                tls.getOutputStream().write("/quit bye\n".getBytes(UTF_8));
                assertThat(new String(TestTls.readToEnd(tls), UTF_8)).startsWith("- welcome");
            }
            byte[] raw = tcp.received();
            int last = -1;
            for (int at = 0; at + 5 <= raw.length; at += 5 + ((raw[at + 3] & 0xff) << 8 | raw[at + 4] & 0xff)) {
                last = raw[at];
            }
            assertThat(last).as("the type of the last record: 21, an alert (close_notify)").isEqualTo(21);
        }

        /** A TLS 1.3 client's key update asks the server for one in return; the session goes on. */
        @Test
        void aKeyUpdateIsAnsweredAndTheSessionGoesOn() throws Exception {
            var tcp = new Socket();
            tcp.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
            SSLSocket socket = secure(tcp, server.server().tlsPort());
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            try (Wire wire = Wire.over(socket)) {
                wire.expect(line -> line.startsWith("- welcome"));
                socket.startHandshake(); // on TLS 1.3: a KeyUpdate, update_requested
                assertThat(wire.ask("/echo after the update")).isEqualTo("= after the update");
                socket.startHandshake();
                assertThat(wire.ask("/echo and again")).isEqualTo("= and again");
            }
        }
    }

    @Nested
    class Deadline {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).limits(Limits.builder()
                .arrivals(Arrivals.DEFAULTS.withHandshake(Duration.ofSeconds(4), 1_000)).build()).build());

        /**
         * Ten clients in their handshake (five silent, five that sent half a ClientHello) hold no thread
         * and no buffer while they wait; each is cut at the deadline all the same.
         */
        @Test
        void handshakesWaitWithoutAThreadAndAreCutAtTheDeadline() throws Exception {
            byte[] hello = TestTls.clientHello();
            var waiting = new ArrayList<Socket>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    Socket socket = Wire.rawSocket(server.server().tlsPort());
                    waiting.add(socket);
                    if (i % 2 == 1) {
                        socket.getOutputStream().write(hello, 0, hello.length / 2);
                    }
                }
                await().atMost(Duration.ofSeconds(3)).until(() -> server.admission().handshaking() == 10
                        && IdleConnectionTest.threadsNamed(CONNECTION_THREADS).isEmpty() && Buffers.lent() == 0);
                assertThat(server.admission().handshaking()).as("still in their handshake").isEqualTo(10);

                for (Socket socket : waiting) {
                    assertThat(Wire.closedByServer(socket)).isTrue();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(3_900));
                await().atMost(Wire.TIMEOUT).until(() -> server.admission().handshaking() == 0);
            } finally {
                for (Socket socket : waiting) {
                    socket.close();
                }
            }
            try (Wire normal = tls(server.server().tlsPort())) {
                normal.expect(line -> line.startsWith("- welcome"));
                assertThat(normal.ask("/ping")).isEqualTo("= pong");
            }
        }

        /** A client that leaves half way through its ClientHello gives its place back at once, not at the deadline. */
        @Test
        void aHandshakeCutHalfWayIsLetGoAtOnce() throws Exception {
            byte[] hello = TestTls.clientHello();
            try (var audit = CapturedLog.of(Audit.LOGGER)) {
                long start = System.nanoTime();
                try (Socket socket = new Socket()) {
                    // from an address of its own: the audit log's per-address window is not filled by the others
                    socket.bind(new InetSocketAddress("127.0.0.43", 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
                    socket.getOutputStream().write(hello, 0, hello.length / 2);
                    await().atMost(Wire.TIMEOUT).until(() -> server.admission().handshaking() == 1);
                }
                await().atMost(Wire.TIMEOUT).until(() -> server.admission().handshaking() == 0
                        && audit.contains("tls_handshake_failed", "the client left during the handshake"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        }

        /** A record header that announces more than the largest record, then bytes enough to fill a buffer: cut at once. */
        @Test
        void aRecordLargerThanTheLimitIsRefusedAtOnce() throws Exception {
            long start = System.nanoTime();
            try (Socket socket = Wire.rawSocket(server.server().tlsPort())) {
                byte[] oversized = new byte[5 + 20_000];
                oversized[0] = 0x16; // a handshake record, TLS 1.0 on the outside, 32,767 bytes announced
                oversized[1] = 0x03;
                oversized[2] = 0x01;
                oversized[3] = 0x7f;
                oversized[4] = (byte) 0xff;
                try {
                    socket.getOutputStream().write(oversized);
                } catch (IOException cut) {
                    // the server may close before it has all of it
                }
                assertThat(Wire.closedByServer(socket)).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            await().atMost(Wire.TIMEOUT).until(() -> server.admission().handshaking() == 0);
        }
    }

    @Nested
    class Large {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).maxLineBytes(64 * 1024)
                .limits(Limits.NONE).build());

        /** A line of 40,000 bytes goes in as three records and its echo comes back as three, whole. */
        @Test
        void aLineLargerThanARecordGoesBothWays() throws Exception {
            String text = "é".repeat(10_000) + "z".repeat(20_000); // 40,000 bytes, a character cut by a record
            try (Wire wire = tls(server.server().tlsPort())) {
                wire.expect(line -> line.startsWith("- welcome"));
                assertThat(wire.ask("/echo " + text)).isEqualTo("= " + text);
            }
        }

        /** Many lines written by the client at once, and their answers written by the server in batches. */
        @Test
        void manyLinesInOneGoComeBackInOrder() throws Exception {
            try (Wire wire = tls(server.server().tlsPort())) {
                wire.expect(line -> line.startsWith("- welcome"));
                var all = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    all.append("/echo ").append(i).append(' ').append("x".repeat(700)).append('\n');
                }
                wire.sendRaw(all.toString().getBytes(UTF_8));
                for (int i = 0; i < 500; ) {
                    String line = wire.next();
                    if (line.startsWith("= ")) { // the answers, between the room's lines (the seat after the first)
                        assertThat(line).isEqualTo("= " + i + " " + "x".repeat(700));
                        i++;
                    }
                }
            }
        }
    }

    @Nested
    class SlowReader {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).outboxCapacity(20_000)
                .limits(Limits.NONE).build());

        /**
         * A TLS client that stops reading: its writer parks on readiness with its records part written,
         * while the others (a TLS listener, a newcomer) are served; when it reads again it gets everything,
         * whole and in order.
         */
        @Test
        void aSlowTlsReaderHoldsUpNobodyAndGetsEverythingLater() throws Exception {
            int messages = 8_000; // 8 MB: more than the sleeper's socket buffers and the server's can hold
            String payload = "y".repeat(1_000);
            var tcp = new Socket();
            tcp.setReceiveBufferSize(4096);
            tcp.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
            try (SSLSocket sleeper = secure(tcp, server.server().tlsPort());
                    Wire listener = tls(server.server().tlsPort()); Wire talker = server.connect()) {
                var in = new BufferedReader(new InputStreamReader(sleeper.getInputStream(), UTF_8));
                OutputStream out = sleeper.getOutputStream();
                listener.send("/nick listener");
                talker.expect(Wire.arrivalOf("listener"));
                out.write("/nick sleeper\n".getBytes(UTF_8)); // its first line seats it
                talker.expect(Wire.arrivalOf("sleeper"));

                for (int i = 0; i < messages; i++) {
                    talker.send(i + " " + payload);
                }
                for (int i = 0; i < messages; i++) {
                    String text = i + " " + payload;
                    listener.expect(line -> line.endsWith("> " + text));
                }
                await().atMost(Wire.TIMEOUT).until(() -> IdleConnectionTest.threadDump().contains("Readiness.awaitWritable"));
                try (Wire newcomer = tls(server.server().tlsPort())) {
                    newcomer.expect(line -> line.startsWith("- welcome"));
                    assertThat(newcomer.ask("/ping")).isEqualTo("= pong");
                }

                int next = 0;
                for (String line; next < messages && (line = in.readLine()) != null; ) {
                    if (line.startsWith("#general <guest-") && line.endsWith(" " + payload)) {
                        assertThat(line).endsWith("> " + next + " " + payload);
                        next++;
                    }
                }
                assertThat(next).as("every message, once the sleeper read").isEqualTo(messages);
            }
        }
    }

    @Nested
    class BehindABalancer {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED)
                .web(WebConfig.OFF.withTrustedProxies(List.of("127.0.0.10/32"))).build());

        /** A trusted balancer's PROXY header comes before the ClientHello; the client it names is the one logged. */
        @Test
        void aProxyHeaderBeforeTlsNamesTheClient() throws Exception {
            try (var audit = CapturedLog.of(Audit.LOGGER)) {
                var tcp = new Socket();
                tcp.bind(new InetSocketAddress("127.0.0.10", 0));
                tcp.connect(new InetSocketAddress("127.0.0.1", server.server().tlsPort()));
                tcp.getOutputStream().write("PROXY TCP4 203.0.113.7 10.0.0.1 51000 7443\r\n".getBytes(UTF_8));
                try (Wire wire = Wire.over(secure(tcp, server.server().tlsPort()))) {
                    wire.expect(line -> line.startsWith("- welcome"));
                    assertThat(wire.ask("/ping")).isEqualTo("= pong");
                    await().atMost(Wire.TIMEOUT).until(
                            () -> audit.contains("conn_open address=203.0.113.7", "transport=tls"));
                }
            }
        }
    }

    /** A socket that keeps a copy of every byte it receives: the TLS records as they came. */
    private static final class Teeing extends Socket {
        private final java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        private java.io.InputStream tee;

        @Override
        public synchronized java.io.InputStream getInputStream() throws IOException {
            if (tee == null) {
                tee = new java.io.FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        int n = super.read(bytes, offset, length);
                        if (n > 0) {
                            synchronized (copy) {
                                copy.write(bytes, offset, n);
                            }
                        }
                        return n;
                    }
                };
            }
            return tee;
        }

        byte[] received() {
            synchronized (copy) {
                return copy.toByteArray();
            }
        }
    }

    /** A socket whose writes go out one byte per TCP segment (no delay), paced: records cut to pieces. */
    private static final class Dribbling extends Socket {
        private OutputStream dribble;
        volatile int written;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (dribble == null) {
                OutputStream raw = super.getOutputStream();
                dribble = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        raw.write(b);
                        raw.flush();
                        written++;
                        try {
                            Thread.sleep(Duration.ofNanos(300_000)); // pacing, so that each byte is read alone
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        for (int i = 0; i < length; i++) {
                            write(bytes[offset + i]);
                        }
                    }
                };
            }
            return dribble;
        }
    }
}
