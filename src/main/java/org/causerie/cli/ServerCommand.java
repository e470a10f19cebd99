package org.causerie.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.causerie.AccountLimits;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TlsConfig;
import org.causerie.auth.Operators;
import org.causerie.net.SelfSigned;
import org.causerie.net.TlsSetupException;
import org.causerie.store.Retention;
import org.causerie.store.StoreException;
import org.slf4j.Logger;
import sun.misc.Signal;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code causerie server}: runs a server until it is stopped (Ctrl-C, SIGTERM, or /shutdown by a server operator). */
@Command(name = "server", mixinStandardHelpOptions = true, subcommands = OperCommand.class,
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

    @Option(names = "--tls-port", paramLabel = "N", description = "also serve the line protocol over TLS on port N")
    int tlsPort = -1;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for TLS (e.g. Let's Encrypt's fullchain.pem)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for TLS (e.g. privkey.pem)")
    Path tlsKey;

    @Option(names = "--tls-self-signed",
            description = "make (once) and use a self-signed certificate kept in --data; prints its SHA-256 fingerprint")
    boolean tlsSelfSigned;

    @Option(names = "--oper", paramLabel = "ACCOUNT", description = "refuse to start unless ACCOUNT is a server"
            + " operator set with 'causerie server oper add ACCOUNT' (repeatable)")
    List<String> operators = new ArrayList<>();

    @Option(names = "--no-limits", description = "lift every limit but the line length and /calc's (benchmarks, load tests)")
    boolean noLimits;

    @Option(names = "--rate", paramLabel = "BURST/PER_SECOND", description = "lines a connection may send at once, and"
            + " steadily per second (default: ${DEFAULT-VALUE})")
    String rate = Limits.DEFAULTS.burst() + "/" + (int) Limits.DEFAULTS.perSecond();

    @Option(names = "--max-per-address", paramLabel = "N", description = "connections from one IP address (default: ${DEFAULT-VALUE})")
    int perAddress = Limits.DEFAULTS.perAddress();

    @Option(names = "--exempt", paramLabel = "CIDR", description = "a network not subject to --max-per-address (repeatable)")
    List<String> exempt = new ArrayList<>();

    @Option(names = "--connect-rate", paramLabel = "BURST/PER_SECOND", description = "new connections one address"
            + " (an IPv6 /64) may open at once, and steadily per second (default: ${DEFAULT-VALUE})")
    String connectRate = Limits.DEFAULTS.arrivals().connectBurst() + "/"
            + (int) Limits.DEFAULTS.arrivals().connectPerSecond();

    @Option(names = "--max-connections", paramLabel = "N", description = "connections in all, lowered at start to"
            + " leave a reserve below the open-files limit (default: ${DEFAULT-VALUE})")
    int total = Limits.DEFAULTS.total();

    @Option(names = "--max-rooms-per-user", paramLabel = "N", description = "rooms one session may be in (default: ${DEFAULT-VALUE})")
    int roomsPerUser = Limits.DEFAULTS.roomsPerUser();

    @Option(names = "--max-room-members", paramLabel = "N", description = "members one room may hold (default: ${DEFAULT-VALUE})")
    int membersPerRoom = Limits.DEFAULTS.membersPerRoom();

    @Option(names = "--max-private-bytes", paramLabel = "BYTES",
            description = "bytes of private messages one address may send one recipient per 10 s (default: ${DEFAULT-VALUE})")
    long privateBytes = Limits.DEFAULTS.privateBytes();

    @Option(names = "--max-rooms-per-account", paramLabel = "N",
            description = "lasting rooms one account may own (default: ${DEFAULT-VALUE})")
    int roomsPerAccount = Limits.DEFAULTS.roomsPerAccount();

    @Option(names = "--max-rooms-per-address", paramLabel = "N",
            description = "lasting rooms that may be created from one address per hour (default: ${DEFAULT-VALUE})")
    int roomsPerAddressHour = Limits.DEFAULTS.roomsPerAddressHour();

    @Option(names = "--guest-timeout", paramLabel = "SECONDS",
            description = "drop a connection that sends no line for this long after connecting (default: ${DEFAULT-VALUE})")
    long guestTimeout = Limits.DEFAULTS.guestTimeout().toSeconds();

    @Option(names = "--hash-workers", paramLabel = "N",
            description = "threads that hash passwords, for the whole server (default: ${DEFAULT-VALUE}, half the cores)")
    int hashWorkers = AccountLimits.DEFAULTS.hashWorkers();

    @Option(names = "--hash-queue", paramLabel = "N",
            description = "password checks that may wait for a worker; more are refused as busy (default: ${DEFAULT-VALUE})")
    int hashQueue = AccountLimits.DEFAULTS.hashQueue();

    @Option(names = "--login-rate", paramLabel = "BURST/PER_SECOND", description = "logins, registrations and"
            + " resumes one address may try at once, and steadily per second (default: ${DEFAULT-VALUE})")
    String loginRate = AccountLimits.DEFAULTS.attemptBurst() + "/" + (int) AccountLimits.DEFAULTS.attemptsPerSecond();

    @Option(names = "--accounts-per-hour", paramLabel = "N",
            description = "accounts one address may create in an hour; --exempt networks are not counted (default: ${DEFAULT-VALUE})")
    int accountsPerHour = AccountLimits.DEFAULTS.accountsPerHour();

    @Option(names = "--token-days", paramLabel = "DAYS", description = "how long a session token (/token) is valid"
            + " (default: ${DEFAULT-VALUE})")
    long tokenDays = AccountLimits.DEFAULTS.tokenLifetime().toDays();

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.builder().bind(bind).port(port).maxLineBytes(maxLine)
                    .outboxCapacity(outbox).store(store, data).replay(replay)
                    .retention(new Retention(retentionDays == null ? null : Duration.ofDays(retentionDays),
                            retentionCount))
                    .limits(limits())
                    .tls(new TlsConfig(tlsPort, tlsCert, tlsKey, tlsSelfSigned))
                    .operators(operators).build();
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
        } catch (TlsSetupException e) {
            System.err.println("causerie: cannot start TLS: " + e.getMessage());
            return 1;
        } catch (Operators.Unverified e) {
            System.err.println("causerie: " + e.getMessage());
            return 1;
        }
        if (noLimits) {
            log.warn("limits_lifted: --no-limits is for benchmarks and load tests, not for a public address");
        }
        // SIGTERM and Ctrl-C stop the server gracefully and the process exits 0; any other end of the
        // JVM (SIGHUP, System.exit elsewhere) still runs the same stop from a shutdown hook.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                log.info("signal_received signal={}", signal.getName());
                server.requestStop();
            });
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::stop));
        System.out.println("causerie " + ChatServer.VERSION + " listening on " + bind + ":" + server.port()
                + " (try: nc 127.0.0.1 " + server.port() + "); store: "
                + (store.equals(ServerConfig.SQLITE) ? data.resolve("causerie.db") : store.replaceAll("password=[^&]*", "password=***")));
        if (server.tlsPort() >= 0) {
            System.out.println("causerie: TLS on " + bind + ":" + server.tlsPort() + (!tlsSelfSigned ? ""
                    : " with a self-signed certificate, SHA-256 fingerprint " + SelfSigned.fingerprint(data)
                            + " (try: causerie client --port " + server.tlsPort() + " --tls-ca "
                            + SelfSigned.certificateFile(data) + ")"));
        }
        server.awaitStopped();
        return 0;
    }

    private Limits limits() {
        if (noLimits) {
            return Limits.NONE;
        }
        String[] parts = rate.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--rate is BURST/PER_SECOND, for example 40/10, not " + rate);
        }
        String[] connect = connectRate.split("/");
        if (connect.length != 2) {
            throw new IllegalArgumentException("--connect-rate is BURST/PER_SECOND, for example 100/5, not " + connectRate);
        }
        String[] login = loginRate.split("/");
        if (login.length != 2) {
            throw new IllegalArgumentException("--login-rate is BURST/PER_SECOND, for example 20/1, not " + loginRate);
        }
        var accounts = AccountLimits.builder().hashing(hashWorkers, hashQueue)
                .attempts(Integer.parseInt(login[0]), Double.parseDouble(login[1]))
                .accountsPerHour(accountsPerHour).tokenLifetime(Duration.ofDays(tokenDays)).build();
        return Limits.builder().rate(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]))
                .accounts(accounts)
                .arrivals(Limits.DEFAULTS.arrivals().withConnectRate(Integer.parseInt(connect[0]),
                        Double.parseDouble(connect[1])))
                .connections(perAddress, exempt, total)
                .rooms(roomsPerUser, membersPerRoom)
                .privateBytes(privateBytes, Limits.DEFAULTS.privateWindow())
                .roomsCreated(roomsPerAccount, roomsPerAddressHour)
                .floodGrace(Limits.DEFAULTS.floodGrace())
                        .guestTimeout(Duration.ofSeconds(guestTimeout))
                        .keepAliveIdle(Limits.DEFAULTS
                        .keepAliveIdle()).build();
    }
}
