package org.causerie.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
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

    @Override
    public Integer call() throws Exception {
        var config = ServerConfig.defaults().withBind(bind).withPort(port).withMaxLineBytes(maxLine)
                .withOutboxCapacity(outbox);
        ChatServer server;
        try {
            server = ChatServer.create(config).start();
        } catch (java.net.BindException e) {
            System.err.println("causerie: cannot listen on " + bind + ":" + port + ": " + e.getMessage().toLowerCase());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            log.info("stopping");
            server.stop();
            stopped.countDown();
        }));
        System.out.println("causerie " + ChatServer.VERSION + " listening on " + bind + ":" + server.port()
                + " (try: nc 127.0.0.1 " + server.port() + ")");
        stopped.await();
        return 0;
    }
}
