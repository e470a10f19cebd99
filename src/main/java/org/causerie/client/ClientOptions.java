package org.causerie.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a client runs, as the command line gave it.
 *
 * @param hosts   the servers, in the order to try them (several {@code --host})
 * @param nick    the nickname to ask for after connecting (and after every reconnection), or null
 * @param retry   keep trying when the server cannot be reached at first, rather than exit with 1
 * @param json    pipe mode prints the server's JSON lines instead of its text lines
 * @param linger  pipe mode, after the end of input: how long the server may stay quiet before we leave
 * @param history interactive mode: the file that keeps the input history, or null to keep it in memory
 * @param tls     what to trust on a TLS connection, or null for plain TCP
 */
public record ClientOptions(Hosts hosts, String nick, boolean retry, boolean json, Duration linger,
        Path history, TlsTrust tls) {

    public static final Duration DEFAULT_LINGER = Duration.ofMillis(1000);

    public ClientOptions {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
    }

    /** One server, over plain TCP. */
    public ClientOptions(Address address, String nick, boolean retry, boolean json, Duration linger, Path history) {
        this(Hosts.of(address), nick, retry, json, linger, history, null);
    }

    /** One server. */
    public ClientOptions(Address address, String nick, boolean retry, boolean json, Duration linger, Path history,
            TlsTrust tls) {
        this(Hosts.of(address), nick, retry, json, linger, history, tls);
    }

    /** The first server to try. */
    public Address address() {
        return hosts.first();
    }

    /** Defaults for everything but the address. */
    public static ClientOptions of(Address address) {
        return new ClientOptions(address, null, false, false, DEFAULT_LINGER, null);
    }

    public ClientOptions withNick(String nick) {
        return new ClientOptions(hosts, nick, retry, json, linger, history, tls);
    }

    public ClientOptions withJson(boolean json) {
        return new ClientOptions(hosts, nick, retry, json, linger, history, tls);
    }

    public ClientOptions withHosts(Hosts hosts) {
        return new ClientOptions(hosts, nick, retry, json, linger, history, tls);
    }

    public ClientOptions withTls(TlsTrust tls) {
        return new ClientOptions(hosts, nick, retry, json, linger, history, tls);
    }
}
