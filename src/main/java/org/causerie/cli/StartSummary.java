package org.causerie.cli;

import java.util.ArrayList;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.audit.Audit;
import org.causerie.net.SelfSigned;
import org.causerie.net.TlsSetupException;

/**
 * What a server that just started serves, and where: each door and its port, the store, the data folder,
 * whether limits are on, and who the server operators are. Printed once on standard output (the first
 * line says "listening on ADDR:PORT", which scripts wait for) and written to the audit log as
 * {@code server_start}.
 */
final class StartSummary {
    private StartSummary() {}

    static String text(ServerConfig config, ChatServer server) throws TlsSetupException {
        String bind = config.bind();
        String store = switch (config.store()) {
            case ServerConfig.SQLITE -> "sqlite " + config.dataDir().resolve("causerie.db").toAbsolutePath();
            case ServerConfig.MEMORY -> "memory (nothing is kept across restarts)";
            default -> EffectiveConfig.mask(config.store());
        };
        Limits limits = config.limits();
        String limitsText = limits.lifted() ? "off (--no-limits)"
                : "on (" + limits.burst() + " lines at once then " + fmt(limits.perSecond()) + "/s per connection, "
                        + limits.perAddress() + " connections per address, " + server.maxConnections() + " in all"
                        + (server.maxConnections() < limits.total() ? ", fitted to the open-files limit" : "") + ")";
        var lines = new ArrayList<String>();
        lines.add("causerie " + ChatServer.VERSION + " listening on " + bind + ":" + server.port()
                + " (line protocol; try: nc 127.0.0.1 " + server.port() + ")");
        if (server.tlsPort() >= 0) {
            String identity = config.tls().selfSigned()
                    ? "self-signed certificate, SHA-256 " + SelfSigned.fingerprint(config.dataDir())
                            + " (try: causerie client --port " + server.tlsPort() + " --tls-ca "
                            + SelfSigned.certificateFile(config.dataDir()) + ")"
                    : "certificate " + config.tls().cert() + ", reloaded when it changes or on SIGHUP";
            lines.add("  tls:       " + bind + ":" + server.tlsPort() + " (line protocol over TLS; " + identity + ")");
        }
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        if (server.ircPort() >= 0) {
            lines.add("  irc:       " + bind + ":" + server.ircPort() + " (as " + config.irc().serverName()
                    + "; try: irssi -c " + host + " -p " + server.ircPort() + ")"
                    + (server.ircTlsPort() >= 0 ? "; over TLS on port " + server.ircTlsPort() : ""));
        }
        if (server.httpPort() >= 0) {
            lines.add("  web:       http://" + host + ":" + server.httpPort() + "/"
                    + (server.httpsPort() < 0 ? "" : " and https on port " + server.httpsPort()));
        }
        if (server.adminPort() >= 0) {
            lines.add("  admin:     http://" + config.web().adminBind() + ":" + server.adminPort()
                    + "/metrics, /healthz, /readyz");
        }
        lines.add("  store:     " + store);
        lines.add("  data:      " + config.dataDir().toAbsolutePath());
        if (config.cluster().enabled()) {
            lines.add("  cluster:   " + EffectiveConfig.mask(config.cluster().url()) + " as node "
                    + config.cluster().nodeName(config.port()));
        }
        lines.add("  limits:    " + limitsText);
        lines.add("  operators: " + (config.operators().isEmpty() ? "none (causerie server oper add NAME, then --oper NAME)"
                : String.join(", ", config.operators())));
        Audit.event("server_start", "version", ChatServer.VERSION, "bind", bind, "port", server.port(),
                "tls_port", server.tlsPort(), "irc_port", server.ircPort(), "http_port", server.httpPort(),
                "admin_port", server.adminPort(), "max_connections", server.maxConnections(), "store", store,
                "data", config.dataDir().toAbsolutePath(), "limits", limits.lifted() ? "off" : "on",
                "operators", String.join(",", config.operators()));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
