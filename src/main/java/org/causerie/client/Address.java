package org.causerie.client;

/** Where the server is: a host name or address and a TCP port, written {@code host:port} in messages. */
public record Address(String host, int port) {

    public Address {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
