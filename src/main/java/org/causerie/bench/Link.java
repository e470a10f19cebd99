package org.causerie.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bot's connection: a socket, a virtual thread that reads it line by line, and a lock for writing
 * (a sender's messages and the reader's answers to PING may be written at once; a line must never be
 * cut by another).
 *
 * <p>The read loop is the load generator's hot path, run for every delivery: it splits what one
 * {@code read} returned into lines in place, finding line ends and payload marks in one pass eight
 * bytes at a time ({@link Scan}; past a line's first mark, line ends only), takes one clock reading per
 * read (the lines of one read arrived together), and hands a line with a payload to
 * {@link LinkEvents#delivered} without making a String.
 * Only lines without payload (greetings, joins, pings) reach the {@link Wire} as bytes.
 */
final class Link implements AutoCloseable {
    private static final byte NEWLINE = '\n';

    private final int index;
    private final String nick;
    private final Wire wire;
    private final LinkEvents events;
    private final long epoch;
    private final Socket socket;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final byte[] buffer;
    /** The room this bot last asked to join; read by the wire to recognise the confirmation. */
    private volatile String joining;
    /** A wire's handshake state, touched only by the reader thread (Redis: inside a subscribe reply). */
    int wireState;
    private volatile boolean closing;
    /** Set once the server accepted the bot; until then {@link #lastLine} keeps what it said, for diagnosis. */
    private volatile boolean registered;
    private volatile String lastLine;

    private Link(int index, String nick, Wire wire, LinkEvents events, long epoch, Socket socket, int bufferSize)
            throws IOException {
        this.index = index;
        this.nick = nick;
        this.wire = wire;
        this.events = events;
        this.epoch = epoch;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.buffer = new byte[bufferSize];
    }

    /**
     * Connects (from {@code source} when not null: one loopback address has only ~28,000 ephemeral
     * ports), starts the reader and greets the server. Registration is told to {@code events} later.
     */
    static Link open(Target target, InetAddress source, int index, String nick, int bufferSize, Wire wire,
            LinkEvents events, long epoch) throws IOException {
        var socket = new Socket();
        try {
            if (source != null) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(target.server(index), target.connectTimeoutMillis());
            socket.setTcpNoDelay(true);
            Socket connected = target.tls() ? secure(socket, target.server(index)) : socket;
            wire.open(connected, target);
            var link = new Link(index, nick, wire, events, epoch, connected, bufferSize);
            Thread.ofVirtual().name("bot-" + index).start(link::readLoop);
            wire.greet(link);
            return link;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A client context that trusts any certificate: made once, for every bot. */
    private static final class TrustAll {
        static final javax.net.ssl.SSLSocketFactory FACTORY = factory();

        private static javax.net.ssl.SSLSocketFactory factory() {
            try {
                var context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                    @Override
                    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {}

                    @Override
                    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {}

                    @Override
                    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                        return new java.security.cert.X509Certificate[0];
                    }
                }}, null);
                return context.getSocketFactory();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("no TLS in this JDK", e);
            }
        }
    }

    /** TLS over the connected socket, its handshake done; any certificate is taken. */
    private static Socket secure(Socket tcp, InetSocketAddress server) throws IOException {
        var tls = (javax.net.ssl.SSLSocket) TrustAll.FACTORY.createSocket(tcp, server.getHostString(), server.getPort(), true);
        tls.startHandshake();
        return tls;
    }

    int index() {
        return index;
    }

    String nick() {
        return nick;
    }

    String joining() {
        return joining;
    }

    LinkEvents events() {
        return events;
    }

    /** Asks to join {@code room}; {@link LinkEvents#joined} follows when the server confirms. */
    void join(String room) throws IOException {
        joining = room;
        wire.join(this, room);
    }

    /** Writes whole lines; safe from any thread. */
    void send(byte[] bytes) throws IOException {
        writing.lock();
        try {
            out.write(bytes);
        } finally {
            writing.unlock();
        }
    }

    /** Closes at once with a reset: nothing is left in TIME_WAIT to hold the ports of the next run. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    /**
     * The bot's reader. The loop only reads; each read is framed by {@link #frame}, a method called per
     * read and compiled as such. A loop that did the framing itself would be one long-running method
     * entered once per bot, run as on-stack-replacement code, and sent back to the interpreter by every
     * deoptimisation: profiles showed the load generator slowed that way in some runs.
     */
    private void readLoop() {
        String why = "closed by the server";
        try (InputStream in = wire.input(this, socket.getInputStream())) {
            while (true) {
                makeRoom();
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    break;
                }
                frame(n, System.nanoTime() - epoch);
            }
        } catch (IOException e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        events.closed(this, closing ? null : why);
    }

    // The framing state, used by the reader thread only.
    /** Where the line being read starts in {@link #buffer}. */
    private int start;
    /** The end of what was read. */
    private int end;
    /** The first payload mark in the line being read, or -1. */
    private int mark = -1;
    /** Inside a line longer than the buffer: dropped, it is nobody's payload. */
    private boolean skipping;

    /** Before a read: moves the partial line to the front, or drops it if it fills the whole buffer. */
    private void makeRoom() {
        if (end < buffer.length) {
            return;
        }
        if (start == 0) {
            skipping = true;
            end = 0;
            mark = -1;
        } else {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            mark = mark < 0 ? -1 : mark - start;
            start = 0;
        }
    }

    /** Frames the {@code n} bytes just read, all received at {@code now}. */
    private void frame(int n, long now) throws IOException {
        int i = end;
        end += n;
        for (int at = next(i); at >= 0; at = next(at + 1)) {
            if (buffer[at] == Payload.MARK) {
                mark = at;
                continue;
            }
            if (skipping) {
                skipping = false;
            } else {
                line(start, at > start && buffer[at - 1] == '\r' ? at - 1 : at, mark, now);
            }
            start = at + 1;
            mark = -1;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** The next line end or, while the line has no payload mark yet, the next mark, from {@code from}. */
    private int next(int from) {
        return mark < 0 ? Scan.indexOfEither(buffer, from, end, NEWLINE, Payload.MARK)
                : Scan.indexOf(buffer, from, end, NEWLINE);
    }

    private void line(int from, int to, int mark, long now) throws IOException {
        long stamp = mark >= 0 && mark < to ? Payload.stampAt(buffer, mark, to) : -1;
        if (stamp >= 0) {
            int sender = Payload.sender(buffer, mark, to);
            if (sender >= 0) {
                events.delivered(this, sender, stamp, now);
                return;
            }
        }
        if (!registered) {
            lastLine = Wire.text(buffer, from, Math.min(to, from + 200));
        }
        if (wire.control(this, buffer, from, to)) {
            events.chatter(this);
        }
    }

    /** The server accepted this bot: lines are no longer kept for {@link #lastLine}. */
    void registered() {
        registered = true;
    }

    boolean isRegistered() {
        return registered;
    }

    /** The last line received before registration (null if none): why a bot was not accepted. */
    String lastLine() {
        return lastLine;
    }
}
