package org.causerie;

/**
 * The IRC door: the port it listens on ({@link #OFF} for none, 0 for any free port, which
 * {@link ChatServer#ircPort()} tells), and the server's name, the prefix of its IRC lines; the port of
 * IRC over TLS ({@link #OFF} for none; served only when the server has TLS configured), and the server
 * password IRC clients must give with PASS (null for none).
 */
public record IrcConfig(int port, String serverName, int tlsPort, String password) {
    /** The port IRC clients try first. */
    public static final int DEFAULT_PORT = 6667;
    /** The port IRC clients try first for TLS. */
    public static final int DEFAULT_TLS_PORT = 6697;
    public static final int OFF = -1;
    /** No IRC door: what a configuration made in code has unless it asks for one. */
    public static final IrcConfig NONE = new IrcConfig(OFF, "causerie");

    public IrcConfig(int port, String serverName) {
        this(port, serverName, OFF, null);
    }

    public IrcConfig {
        if (port < OFF || port > 65535) {
            throw new IllegalArgumentException("the IRC port is between 0 and 65535, not " + port);
        }
        if (tlsPort < OFF || tlsPort > 65535) {
            throw new IllegalArgumentException("the IRC TLS port is between 0 and 65535, not " + tlsPort);
        }
        if (password != null && (password.isEmpty() || password.contains(" ") || password.contains("\n"))) {
            throw new IllegalArgumentException("the server password is one word");
        }
        if (serverName == null || serverName.isEmpty() || serverName.contains(" ") || serverName.startsWith(":")) {
            throw new IllegalArgumentException("the server name is one word, not \"" + serverName + "\"");
        }
    }

    public boolean enabled() {
        return port != OFF;
    }

    /** The host name, as IRC servers name themselves by default; "causerie" when it cannot be told. */
    public static String hostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name.isEmpty() || name.contains(" ") ? "causerie" : name;
        } catch (java.io.IOException e) {
            return "causerie";
        }
    }
}
