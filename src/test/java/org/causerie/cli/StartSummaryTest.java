package org.causerie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TlsConfig;
import org.causerie.auth.Passwords;
import org.causerie.store.jdbc.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server says when it has started: each door and its port, the store, the data, limits, operators. */
class StartSummaryTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryNamesEveryDoorTheStoreTheDataTheLimitsAndTheOperators() throws Exception {
        try (var store = SqliteStore.open(dir)) { // as `causerie server oper add` does
            store.setOperator("alice", new Passwords().hash("secret-alice"));
            store.setOperator("bob", new Passwords().hash("secret-bob"));
        }
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.SQLITE, dir)
                .tls(new TlsConfig(0, null, null, true)).operators(java.util.List.of("alice", "bob")).build();
        try (var server = ChatServer.create(config).start()) {
            String summary = StartSummary.text(config, server);

            assertThat(summary.lines()).hasSize(6);
            assertThat(summary).startsWith("causerie " + ChatServer.VERSION + " listening on 127.0.0.1:" + server.port())
                    .contains("tls:       127.0.0.1:" + server.tlsPort() + " (line protocol over TLS; self-signed")
                    .contains("store:     sqlite " + dir.resolve("causerie.db").toAbsolutePath())
                    .contains("data:      " + dir.toAbsolutePath())
                    .contains("limits:    on (40 lines at once then 10/s per connection")
                    .contains("operators: alice, bob");
        }
    }

    @Test
    void aPostgresPasswordIsMaskedAndLiftedLimitsAreSaid() throws Exception {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .limits(Limits.NONE).build();
        try (var server = ChatServer.create(config).start()) {
            String summary = StartSummary.text(config, server);

            assertThat(summary).contains("store:     memory").contains("limits:    off (--no-limits)")
                    .contains("operators: none").doesNotContain("tls:");
        }
        assertThat(EffectiveConfig.mask("jdbc:postgresql://h/db?user=u&password=s3cret")).doesNotContain("s3cret");
    }

    @Test
    void theIrcWebAndAdminDoorsHaveTheirLinesAndTheConnectionCapIsTheOneInForce() throws Exception {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .irc(new org.causerie.IrcConfig(0, "irc.example"))
                .web(new org.causerie.WebConfig(0, -1, 0, "127.0.0.1", java.util.List.of(), java.util.List.of()))
                .limits(Limits.DEFAULTS.toBuilder().connections(Limits.DEFAULTS.perAddress(), Limits.DEFAULTS.exempt(),
                        100_000_000).build())
                .build();
        try (var server = ChatServer.create(config).start()) {
            String summary = StartSummary.text(config, server);

            assertThat(summary).contains("irc:       127.0.0.1:" + server.ircPort() + " (as irc.example")
                    .contains("web:       http://127.0.0.1:" + server.httpPort() + "/")
                    .contains("admin:     http://127.0.0.1:" + server.adminPort() + "/metrics")
                    .contains(server.maxConnections() + " in all, fitted to the open-files limit");
            assertThat(server.maxConnections()).isLessThan(100_000_000);
        }
    }
}
