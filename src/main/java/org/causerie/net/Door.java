package org.causerie.net;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Function;
import org.causerie.chat.Network;

/**
 * What a listening port serves: its name in the log, how it carries bytes (plain TCP, or TLS with its
 * handshake), the connection that speaks its protocol over them, and what a refused client is told.
 *
 * @param name        {@code line}, {@code line-tls}…, in the audit log
 * @param transports  opens an admitted TCP connection: returns the transport, or null when it could not
 *                    be opened (a failed handshake), after closing the socket
 * @param connections the door's connection over an open transport
 * @param refusal     the bytes that tell a refused client why, or null when it cannot be told anything
 *                    (a TLS client reads nothing before a handshake, and a refusal costs none)
 * @param proxies     the load balancers ({@code --trusted-proxy}) whose connections must open with a PROXY
 *                    header naming the client (see {@link ProxyHeader}); empty: none
 */
public record Door(String name, Function<Socket, Transport> transports,
        Function<Transport, ? extends ServerConnection> connections,
        Function<Admission.Refusal, byte[]> refusal, List<Network> proxies) {
    public Door {
        proxies = List.copyOf(proxies);
    }

    /** A door that trusts no proxy. */
    public Door(String name, Function<Socket, Transport> transports,
            Function<Transport, ? extends ServerConnection> connections, Function<Admission.Refusal, byte[]> refusal) {
        this(name, transports, connections, refusal, List.of());
    }

    /** The same door, behind these load balancers. */
    public Door behind(List<Network> balancers) {
        return new Door(name, transports, connections, refusal, balancers);
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
