package org.causerie.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The first connection of a run: each of the hosts once, in order, or with {@code retry} as many rounds
 * as it takes, spaced by a {@link Backoff}. Every failure is one line on the error stream,
 * {@code cannot reach H:N: REASON}.
 */
public final class Connector {
    private final Hosts hosts;
    private final TlsTrust tls;
    private final boolean retry;
    private final PrintStream err;
    /** The index in {@link #hosts} of the one that answered. */
    private int connected;

    /** {@code tls} is null for plain TCP. */
    public Connector(Address address, TlsTrust tls, boolean retry, PrintStream err) {
        this(Hosts.of(address), tls, retry, err);
    }

    public Connector(Hosts hosts, TlsTrust tls, boolean retry, PrintStream err) {
        this.hosts = hosts;
        this.tls = tls;
        this.retry = retry;
        this.err = err;
    }

    /** Which of the hosts the link of {@link #connect} goes to, as an index into them. */
    public int connected() {
        return connected;
    }

    /**
     * An open link, or null when the server cannot be reached and no retry was asked for, or when the
     * TLS handshake failed: a certificate that is not trusted will not become so by trying again.
     */
    public ServerLink connect() throws InterruptedException {
        var backoff = new Backoff();
        while (true) {
            String line = null;
            for (int i = 0; i < hosts.size(); i++) {
                Address address = hosts.get(i);
                try {
                    ServerLink link = ServerLink.open(address, tls, ServerLink.CONNECT_TIMEOUT);
                    connected = i;
                    return link;
                } catch (IOException e) {
                    line = "cannot reach " + address + ": " + reason(e);
                    if (e instanceof SSLException) {
                        err.println(line);
                        return null;
                    }
                    if (i < hosts.size() - 1) {
                        err.println(line);
                    }
                }
            }
            if (!retry) {
                err.println(line);
                return null;
            }
            Duration pause = backoff.next();
            err.println(line + "; retrying in " + seconds(pause));
            Thread.sleep(pause);
        }
    }

    /** Why a connection failed or broke, in lower case for messages: "connection refused", "unknown host". */
    public static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return switch (e) {
            case UnknownHostException u -> "unknown host";
            case SocketTimeoutException t -> "connection timed out";
            case ConnectException c when message.contains("refused") -> "connection refused";
            case NoRouteToHostException n -> "no route to host";
            case SSLException s -> "tls: " + TlsTrust.reason(s);
            default -> message.contains("reset") ? "connection reset"
                    : message.isEmpty() ? e.getClass().getSimpleName().toLowerCase(Locale.ROOT) : message;
        };
    }

    private static String seconds(Duration pause) {
        return String.format(Locale.ROOT, "%.1f s", pause.toMillis() / 1000.0);
    }
}
