package org.causerie.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
import org.causerie.store.Retention;
import org.causerie.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code causerie server}: runs a server until it is stopped (Ctrl-C, SIGTERM). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the chat server (line protocol: try it with nc or causerie client).")
public final class ServerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default: ${DEFAULT-VALUE}, every interface)")
    String bind = ServerConfig.defaults().bind();

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--max-line", paramLabel = "BYTES", description = "longest line a client may send (default: ${DEFAULT-VALUE})")
    int maxLine = ServerConfig.defaults().maxLineBytes();

    @Option(names = "--outbox", paramLabel = "EVENTS",
            description = "events queued for one client before it is dropped as too slow (default: ${DEFAULT-VALUE})")
    int outbox = ServerConfig.defaults().outboxCapacity();

    @Option(names = "--data", paramLabel = "DIR",
            description = "where the embedded SQLite store keeps causerie.db (default: ${DEFAULT-VALUE})")
    Path data = ServerConfig.defaults().dataDir();

    @Option(names = "--store", paramLabel = "STORE",
            description = "sqlite (the file in --data), memory (nothing kept across restarts), or a PostgreSQL"
                    + " URL such as jdbc:postgresql://127.0.0.1:5432/causerie?user=causerie (default: ${DEFAULT-VALUE})")
    String store = ServerConfig.SQLITE;

    @Option(names = "--replay", paramLabel = "N",
            description = "last messages of a room replayed to whoever joins it (default: ${DEFAULT-VALUE})")
    int replay = ServerConfig.defaults().replay();

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "keep history this many days (default: forever)")
    Long retentionDays;

    @Option(names = "--retention-count", paramLabel = "N",
            description = "keep the newest N messages per room or conversation (default: all)")
    Long retentionCount;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.defaults().withBind(bind).withPort(port).withMaxLineBytes(maxLine)
                    .withOutboxCapacity(outbox).withStore(store, data).withReplay(replay)
                    .withRetention(new Retention(retentionDays == null ? null : Duration.ofDays(retentionDays),
                            retentionCount));
        } catch (IllegalArgumentException e) {
            System.err.println("causerie: " + e.getMessage());
            return 2;
        }
        ChatServer server;
        try {
            server = ChatServer.create(config).start();
        } catch (java.net.BindException e) {
            System.err.println("causerie: cannot listen on " + bind + ":" + port + ": " + e.getMessage().toLowerCase());
            return 1;
        } catch (StoreException e) {
            System.err.println("causerie: cannot open the store (" + store + "): " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            log.info("stopping");
            server.stop();
            stopped.countDown();
        }));
        System.out.println("causerie " + ChatServer.VERSION + " listening on " + bind + ":" + server.port()
                + " (try: nc 127.0.0.1 " + server.port() + "); store: "
                + (store.equals(ServerConfig.SQLITE) ? data.resolve("causerie.db") : store.replaceAll("password=[^&]*", "password=***")));
        stopped.await();
        return 0;
    }
}
