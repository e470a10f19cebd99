package org.causerie.net;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.causerie.chat.Network;

/**
 * What a listening port serves: its name in the log, how it carries bytes (plain TCP, or TLS with its
 * handshake), the connection that speaks its protocol over them, and what a refused client is told.
 *
 * @param name        {@code line}, {@code line-tls}…, in the audit log
 * @param opening     opens an admitted TCP connection's transport: at once ({@link #PLAIN}), or after a TLS
 *                    handshake ({@link Tls#opening})
 * @param connections the door's connection over an open transport
 * @param refusal     the bytes that tell a refused client why, or null when it cannot be told anything
 *                    (a TLS client reads nothing before a handshake, and a refusal costs none)
 * @param proxies     the load balancers ({@code --trusted-proxy}) whose connections must open with a PROXY
 *                    header naming the client (see {@link ProxyHeader}); empty: none
 */
public record Door(String name, Opening opening,
        Function<Transport, ? extends ServerConnection> connections,
        Function<Admission.Refusal, byte[]> refusal, List<Network> proxies) {
    public Door {
        proxies = List.copyOf(proxies);
    }

    /** A door that trusts no proxy. */
    public Door(String name, Opening opening,
            Function<Transport, ? extends ServerConnection> connections, Function<Admission.Refusal, byte[]> refusal) {
        this(name, opening, connections, refusal, List.of());
    }

    /**
     * How a door opens an admitted TCP connection (a non-blocking {@link Transport#plain}) into the
     * transport its connection runs on.
     */
    @FunctionalInterface
    public interface Opening {
        /**
         * Hands {@code then} the open transport, or null when it could not be opened (the socket closed
         * then), once, on whatever thread: this one, or a later one (a handshake that waited for bytes).
         */
        void open(Transport tcp, Consumer<Transport> then);
    }

    /** Plain TCP: the transport is open as it is. */
    public static final Opening PLAIN = (tcp, then) -> then.accept(tcp);

    /** The same door, behind these load balancers. */
    public Door behind(List<Network> balancers) {
        return new Door(name, opening, connections, refusal, balancers);
    }

    /** Whether {@code peer} is a trusted load balancer, which must send a PROXY header first. */
    boolean proxy(InetAddress peer) {
        for (Network network : proxies) {
            if (network.contains(peer)) {
                return true;
            }
        }
        return false;
    }
}
