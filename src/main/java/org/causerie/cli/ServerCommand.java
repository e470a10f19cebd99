package org.causerie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import org.causerie.net.TlsSetupException;
import org.causerie.store.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code causerie server}: runs a server until it is stopped (Ctrl-C, SIGTERM, or /shutdown by a server operator). */
@Command(name = "server", mixinStandardHelpOptions = true, subcommands = OperCommand.class,
        description = {"Run the chat server (line protocol: try it with nc or causerie client). It holds the terminal"
                + " until Ctrl-C; as a service, see docs/install.md.", ""},
        footer = {"", "Examples:",
            "  causerie server",
            "  causerie server --tls-self-signed --oper alice",
            "  causerie server --config /etc/causerie/causerie.toml --print-config",
            "  CAUSERIE_PORT=7000 CAUSERIE_OPER=alice,bob causerie server",
            "  causerie server --store 'jdbc:postgresql://127.0.0.1:5432/causerie?user=causerie&password=secret'",
            "",
            "Configuration: every option is also a key of the --config file (its name without the dashes: port = 7000)"
                    + " and an environment variable (CAUSERIE_ and the name in capitals: CAUSERIE_MAX_LINE=8192)."
                    + " Flags win over the environment, which wins over the file. The commented reference file is"
                    + " dist/causerie.toml (in a release: etc/causerie.toml).",
            "",
            "Signals: SIGTERM and SIGINT stop the server gracefully (exit status 0); SIGHUP reloads the TLS"
                    + " certificate and key (also reloaded when the files change) without dropping connections.",
            "",
            "Exit status: 0 stopped normally; 1 could not start (the reason in one line); 2 bad options or"
                    + " configuration.",
            "",
            "Logs go to standard error, one event per line; the audit log (logger causerie.audit) says who connected,"
                    + " logged in, moderated, started and stopped the server. CAUSERIE_LOG_LEVEL=DEBUG says more."})
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

    @Option(names = "--irc-port", paramLabel = "N", description = "IRC port (default: ${DEFAULT-VALUE}; 0: no IRC)")
    int ircPort = org.causerie.IrcConfig.DEFAULT_PORT;

    @Option(names = "--irc-tls-port", paramLabel = "N", description = "IRC over TLS on port N (default: "
            + org.causerie.IrcConfig.DEFAULT_TLS_PORT + " when TLS is configured and IRC is on; 0: none)")
    Integer ircTlsPort;

    @Option(names = "--server-password", paramLabel = "WORD",
            description = "IRC clients must give it with PASS before registering (default: none)")
    String serverPassword;

    @Option(names = "--server-name", paramLabel = "NAME", description = "the server's name on IRC (default: the host name)")
    String serverName = org.causerie.IrcConfig.hostName();

    @Option(names = "--tls-port", paramLabel = "N", description = "also serve the line protocol over TLS on port N"
            + " (default: none; " + TlsConfig.DEFAULT_PORT + " when --tls-cert or --tls-self-signed is given)")
    Integer tlsPort;

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

    @Option(names = "--http-port", paramLabel = "N", description = "the web page and its WebSocket door /ws (default:"
            + " ${DEFAULT-VALUE}; 0 turns them off)")
    int httpPort = org.causerie.WebConfig.HTTP_PORT;

    @Option(names = "--https-port", paramLabel = "N", description = "the page and /ws over HTTPS with the TLS door's"
            + " certificate, when TLS is on (default: ${DEFAULT-VALUE}; 0 turns it off)")
    int httpsPort = org.causerie.WebConfig.HTTPS_PORT;

    @Option(names = "--admin-port", paramLabel = "N", description = "/metrics, /healthz, /readyz (default: ${DEFAULT-VALUE};"
            + " 0 turns it off)")
    int adminPort = org.causerie.WebConfig.ADMIN_PORT;

    @Option(names = "--admin-bind", paramLabel = "ADDR", description = "address of the admin port (default: ${DEFAULT-VALUE})")
    String adminBind = "127.0.0.1";

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", description = "a reverse proxy whose X-Forwarded-For /"
            + " Forwarded names the web client, and a load balancer that must open each TCP connection with a"
            + " PROXY header (v1/v2) naming its client (repeatable; default: none)")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--web-origin", paramLabel = "ORIGIN", description = "another page origin allowed to open /ws, like"
            + " https://chat.example.org (repeatable; the server's own always is)")
    List<String> webOrigins = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "NATS_URL", description = "nats://HOST:PORT joins a cluster on that NATS"
            + " server, whose nodes all share one PostgreSQL --store (default: none, a single node)")
    String cluster;

    @Option(names = "--node", paramLabel = "NAME", description = "this node's name in the cluster, unique (default:"
            + " the host name and --port)")
    String node;

    @Option(names = "--cluster-lease", paramLabel = "SECONDS", description = "how long a node's nickname claims"
            + " outlast it: a node that dies frees its users' names after this (default: ${DEFAULT-VALUE})")
    double clusterLease = 15;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (one line per event) or json (one"
            + " object per line, for log shippers); default: ${DEFAULT-VALUE}, or CAUSERIE_LOG_FORMAT")
    String logFormat = System.getenv().getOrDefault("CAUSERIE_LOG_FORMAT", "text");

    @Option(names = "--config", paramLabel = "FILE", description = "read options from this TOML file (default:"
            + " $CAUSERIE_CONFIG, else none); each key is an option without its dashes. Precedence: flags,"
            + " then CAUSERIE_* environment variables (CAUSERIE_TLS_PORT for --tls-port), then the file")
    Path config;

    @Option(names = "--print-config", description = "print the effective configuration (TOML, secrets masked,"
            + " each value with where it came from) and exit")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Settings.Resolved<ServerCommand> resolved;
        try {
            resolved = Settings.resolve(spec, System.getenv(), config, ServerCommand::new);
        } catch (Settings.ConfigException e) {
            err.println("causerie: " + e.getMessage());
            err.println("Try 'causerie server --help' for more information.");
            return 2;
        }
        if (printConfig) {
            spec.commandLine().getOut().print(EffectiveConfig.toml(resolved.sources()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        return resolved.command().serve(spec.commandLine().getOut(), err);
    }

    /** Runs the server with this command's options, all sources resolved; returns the exit status. */
    private int serve(PrintWriter out, PrintWriter err) throws InterruptedException, TlsSetupException {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            err.println("causerie: --log-format is text or json, not " + logFormat);
            return 2;
        }
        LogFormat.use(logFormat);
        ServerConfig config;
        try {
            config = serverConfig();
        } catch (IllegalArgumentException e) {
            err.println("causerie: " + e.getMessage());
            return 2;
        }
        ChatServer server;
        try {
            server = ChatServer.create(config).start();
        } catch (IOException | RuntimeException e) {
            err.println("causerie: " + StartFailure.reason(e, config));
            log.debug("start_failed", e);
            return 1;
        }
        if (noLimits) {
            log.warn("limits_lifted: --no-limits is for benchmarks and load tests, not for a public address");
        }
        // SIGTERM and Ctrl-C stop the server gracefully and the process exits 0; any other end of the
        // JVM (System.exit elsewhere) still runs the same stop from a shutdown hook. SIGHUP reloads the
        // TLS certificate and key (as after a renewal), and no longer ends the process.
        for (String name : new String[] {"TERM", "INT"}) {
            Signals.on(name, () -> {
                log.info("signal_received signal={}", name);
                server.requestStop("SIG" + name);
            });
        }
        Signals.on("HUP", () -> {
            log.info("signal_received signal=HUP");
            server.reloadCertificates();
        });
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::stop));
        IdleHeap idleHeap = IdleHeap.startIfAsked(); // bin/jvm-options asks for it
        out.print(StartSummary.text(config, server));
        out.flush();
        server.awaitStopped();
        if (idleHeap != null) {
            idleHeap.close();
        }
        return 0;
    }

    /** On the command line 0 turns a web or admin port off. */
    private static int off(int port) {
        return port == 0 ? -1 : port;
    }

    /** The server's configuration from the options; a TLS option without --tls-port implies the default one. */
    ServerConfig serverConfig() {
        boolean tlsWanted = tlsSelfSigned || tlsCert != null || tlsKey != null;
        int tls = tlsPort != null ? tlsPort : tlsWanted ? TlsConfig.DEFAULT_PORT : -1;
        if (tlsCert != null && !Files.isReadable(tlsCert)) {
            throw new IllegalArgumentException("no certificate file " + tlsCert + " (--tls-cert)");
        }
        if (tlsKey != null && !Files.isReadable(tlsKey)) {
            throw new IllegalArgumentException("no key file " + tlsKey + " (--tls-key)");
        }
        return ServerConfig.builder().bind(bind).port(port).maxLineBytes(maxLine)
                .outboxCapacity(outbox).store(store, data).replay(replay)
                .retention(new Retention(retentionDays == null ? null : Duration.ofDays(retentionDays),
                        retentionCount))
                .limits(limits())
                .tls(new TlsConfig(tls, tlsCert, tlsKey, tlsSelfSigned))
                .operators(operators)
                .irc(new org.causerie.IrcConfig(ircPort == 0 ? org.causerie.IrcConfig.OFF : ircPort, serverName,
                        ircTlsPort == null ? (tls >= 0 ? org.causerie.IrcConfig.DEFAULT_TLS_PORT : org.causerie.IrcConfig.OFF)
                                : ircTlsPort == 0 ? org.causerie.IrcConfig.OFF : ircTlsPort, serverPassword))
                .web(new org.causerie.WebConfig(off(httpPort), off(httpsPort), off(adminPort), adminBind,
                        trustedProxies, webOrigins))
                .cluster(new org.causerie.ClusterConfig(cluster, node, org.causerie.ClusterConfig.NONE.check(),
                        Duration.ofMillis(Math.round(clusterLease * 1000))))
                .build();
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
