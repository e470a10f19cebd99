package org.causerie.net;

import java.net.Socket;
import java.util.function.Function;

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
 */
public record Door(String name, Function<Socket, Transport> transports,
        Function<Transport, ? extends ServerConnection> connections,
        Function<Admission.Refusal, byte[]> refusal) {}
