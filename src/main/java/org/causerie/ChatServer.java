package org.causerie;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.auth.HashWorkers;
import org.causerie.auth.Operators;
import org.causerie.auth.Passwords;
import org.causerie.calc.Calculator;
import org.causerie.chat.Gate;
import org.causerie.chat.Hub;
import org.causerie.bus.Bus;
import org.causerie.bus.LocalBus;
import org.causerie.bus.nats.NatsBus;
import org.causerie.chat.Journal;
import org.causerie.chat.Rules;
import org.causerie.command.Commands;
import org.causerie.command.Dispatcher;
import org.causerie.irc.IrcConnection;
import org.causerie.irc.IrcDoor;
import org.causerie.net.Admission;
import org.causerie.net.CertificateReload;
import org.causerie.net.Connection;
import org.causerie.net.Descriptors;
import org.causerie.net.Door;
import org.causerie.net.Listener;
import org.causerie.net.Tls;
import org.causerie.net.TlsSetupException;
import org.causerie.store.MemoryStore;
import org.causerie.store.RetainedStore;
import org.causerie.store.Store;
import org.causerie.store.jdbc.PostgresStore;
import org.causerie.store.jdbc.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Causerie server: {@code ChatServer.create(config).start()}, then {@link #port()} and {@link #stop()}.
 * It wires the layers together: the store and its journal, the hub, the dispatcher and its command
 * table, and a listener with its connections (the door).
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    public static final String NAME = "causerie";
    public static final String VERSION = version();
    /**
     * How often history is pruned when a retention is set. Reads never show more than --retention-count
     * (see {@link RetainedStore}); this bounds how long the rows beyond it stay on disk, and how late a
     * message past --retention-days goes.
     */
    static final Duration PRUNE_EVERY = Duration.ofSeconds(30);

    private final ServerConfig config;
    private Store store;
    private Journal journal;
    /** The local bus, or the NATS one of a cluster; closed after the journal. */
    private Bus bus;
    /** A cluster node's periodic room check (see {@link Hub#checkRooms}). */
    private Thread checker;
    private Hub hub;
    /** Who may connect, shared by every door; set by {@link #start}. */
    private Admission admission;
    /** Every password hash of this server runs here; closed with the store. */
    private HashWorkers hashing;
    private Listener listener;
    /** The TLS door, or null when there is none. */
    private Listener tlsListener;
    /** The IRC door, or null when there is none. */
    private Listener ircListener;
    private Listener ircTlsListener;
    private Thread pruner;
    /** The web door (the page, /ws), or null when it is off. */
    private org.causerie.web.WebServer web;
    /** The admin port (/metrics, /healthz, /readyz), or null when it is off. */
    private org.causerie.admin.AdminServer admin;
    /** Watches the TLS certificate files, or null when there is no TLS door or it is self-signed. */
    private CertificateReload certificates;
    /** Who asked the server to stop, for the audit log. */
    private volatile String stopBy = "shutdown_hook";
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    private ChatServer(ServerConfig config) {
        this.config = config;
    }

    public static ChatServer create(ServerConfig config) {
        return new ChatServer(config);
    }

    /** Opens the store, binds the port and starts accepting; throws if either cannot be had. */
    public synchronized ChatServer start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        store = openStore(config);
        Store history = config.retention().maxCount() == null ? store
                : RetainedStore.wrap(store, config.retention().maxCount());
        try {
            if (!config.retention().keepsEverything()) { // at start, before anyone can read what must go
                log.info("history_pruned messages={}", store.prune(config.retention()));
            }
            // A node of a cluster lets the store number messages (shared counter rows) and publishes on NATS.
            journal = config.cluster().enabled() ? Journal.counted(history)
                    : config.store().equals(ServerConfig.MEMORY) ? Journal.inline(history) : Journal.grouped(history);
            bus = config.cluster().enabled()
                    ? NatsBus.connect(config.cluster().url(), ((PostgresStore) store).clusterId(),
                            config.cluster().nodeName(config.port()))
                    : new LocalBus(NAME);
            List<String> operators = Operators.verify(store, config.operators());
            var arrivals = config.limits().arrivals();
            // A newcomer's replay is history too: it never shows more than the retention keeps.
            int replay = config.retention().maxCount() == null ? config.replay()
                    : (int) Math.min(config.replay(), config.retention().maxCount());
            Limits policy = config.limits();
            var rules = new Rules(replay, policy.roomsPerUser(), policy.membersPerRoom(), operators,
                    () -> requestStop("/shutdown"), arrivals.announceUpTo(), arrivals.quietFor(), new Rules.Quotas(
                            policy.privateBytes(), policy.privateWindow(), policy.roomsPerAccount(),
                            policy.roomsPerAddressHour()));
            // Both doors count against one admission, which never lets in more than the descriptors allow.
            admission = new Admission(config.limits().toBuilder().connections(config.limits().perAddress(),
                    config.limits().exempt(), Descriptors.fit(config.limits().total())).build());
            AccountLimits accountLimits = config.limits().accounts();
            hashing = new HashWorkers(new Passwords(), accountLimits.hashWorkers(), accountLimits.hashQueue());
            hub = new Hub(NAME, VERSION, journal, hashing,
                    new Gate(Clock.systemUTC(), accountLimits, admission::exempt), rules, bus,
                    bus.shared() ? (PostgresStore) store : null, config.cluster().lease());
            if (bus instanceof NatsBus nats) { // what the bus lost while away, and a quiet room's last messages
                Hub node = hub;
                nats.onLoss(() -> node.linkChanged(false));
                nats.onReconnect(() -> {
                    node.linkChanged(true);
                    node.checkRooms();
                });
                checker = Thread.ofVirtual().name("room-check").start(() -> checkForever(node));
            }
            var dispatcher = new Dispatcher(Commands.standard(new Calculator()));
            var limits = new Connection.Settings(config.maxLineBytes(), config.outboxCapacity(), config.drainTimeout(),
                    config.limits());
            // A --trusted-proxy peer on a TCP door is a load balancer: it must open with a PROXY header.
            List<org.causerie.chat.Network> balancers = config.web().trustedProxies().stream()
                    .map(org.causerie.chat.Network::cidr).toList();
            // The TLS key and certificate are read before any port is taken: a bad file stops the start cleanly.
            Tls tls = !config.tls().enabled() ? null : config.tls().selfSigned() ? Tls.selfSigned(config.dataDir())
                    : Tls.fromFiles(config.tls().cert(), config.tls().key());
            listener = Listener.start(config.bind(), config.port(), config.backlog(), admission,
                    new Door(Connection.DOOR, Door.PLAIN,
                            transport -> new Connection(transport, hub, dispatcher, limits), Connection::refusal)
                            .behind(balancers));
            if (tls != null && !config.tls().selfSigned()) { // renewed certificates are served without a restart
                certificates = tls.reloading(config.tls().cert(), config.tls().key(), config.certificateCheck());
            }
            if (tls != null) { // the same protocol, sessions and limits behind both doors
                String door = Connection.DOOR + "-tls";
                try {
                    tlsListener = Listener.start(config.bind(), config.tls().port(),
                            config.backlog(), admission, new Door(door,
                                    tls.opening(arrivals.handshakeTimeout(), admission, door),
                                    transport -> new Connection(transport, hub, dispatcher, limits), null)
                                    .behind(balancers));
                } catch (java.net.BindException e) { // its message names the address and the option
                    throw new TlsSetupException(e.getMessage(), e);
                }
            }
            if (config.irc().enabled()) { // the same hub, limits and admission behind another protocol
                var irc = new IrcDoor(hub, config.irc().serverName(), VERSION, limits, config.limits().roomsPerUser(),
                        config.irc().password());
                ircListener = Listener.start(config.bind(), config.irc().port(), config.backlog(), admission,
                        new Door(IrcConnection.DOOR, Door.PLAIN, irc::connection, IrcConnection::refusal)
                                .behind(balancers));
                if (tls != null && config.irc().tlsPort() != IrcConfig.OFF) { // as the line door's TLS port
                    String door = IrcConnection.DOOR + "-tls";
                    try {
                        ircTlsListener = Listener.start(config.bind(), config.irc().tlsPort(),
                                config.backlog(), admission, new Door(door,
                                        tls.opening(arrivals.handshakeTimeout(), admission, door), irc::connection,
                                        null).behind(balancers));
                    } catch (java.net.BindException e) { // its message names the address and the option
                        throw new TlsSetupException(e.getMessage(), e);
                    }
                }
            }
            startWeb(tls, dispatcher, limits, admission);
            hub.onDrain(this::stopAccepting);
        } catch (IOException | RuntimeException e) {
            stopWeb();
            if (tlsListener != null) {
                tlsListener.close();
                tlsListener = null;
            }
            if (listener != null) {
                listener.close();
                listener = null;
            }
            if (ircListener != null) { // a failed start leaves no port taken
                ircListener.close();
                ircListener = null;
            }
            if (ircTlsListener != null) {
                ircTlsListener.close();
                ircTlsListener = null;
            }
            if (certificates != null) {
                certificates.close();
            }
            closeStore();
            throw e;
        }
        if (!config.retention().keepsEverything()) {
            pruner = Thread.ofVirtual().name("pruner").start(this::pruneForever);
        }
        return this;
    }

    /** The admission every door counts against: for tests that must see what it holds. */
    synchronized Admission admission() {
        return admission;
    }

    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return listener.port();
    }

    /** The TLS door's port, or -1 when the server has none. */
    public synchronized int tlsPort() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return tlsListener == null ? -1 : tlsListener.port();
    }

    /** The port of IRC over TLS, or -1 when there is none. */
    public synchronized int ircTlsPort() {
        return ircTlsListener == null ? -1 : ircTlsListener.port();
    }

    /** The IRC door's port, or -1 when the server has none. */
    public synchronized int ircPort() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return ircListener == null ? -1 : ircListener.port();
    }

    /** The most connections the doors admit together: the configured total, fitted to the open-files limit. */
    public synchronized int maxConnections() {
        if (admission == null) {
            throw new IllegalStateException("not started");
        }
        return admission.total();
    }

    /** The server's password hashing: its workers, and how many hashes ran at once. */
    public HashWorkers hashing() {
        return hashing;
    }

    /** The number of connected sessions. */
    public int sessions() {
        return hub.sessions();
    }

    /** Starts a graceful stop without waiting for it (a server operator's /shutdown, a signal). */
    public void requestStop() {
        requestStop("request");
    }

    /** Starts a graceful stop; {@code by} says who asked ("SIGTERM", "/shutdown"), for the audit log. */
    public void requestStop(String by) {
        stopBy = by;
        Thread.ofVirtual().name("stop").start(this::stop);
    }

    /**
     * Reads the TLS certificate and key files again (SIGHUP) and serves them from the next connection on;
     * established connections keep theirs. False when there is nothing to reload or the files are bad
     * (the old pair stays in use).
     */
    public boolean reloadCertificates() {
        CertificateReload watch;
        synchronized (this) {
            watch = certificates;
        }
        if (watch == null) {
            log.info("tls_reload_skipped reason=\"no TLS certificate files to reload\"");
            return false;
        }
        return watch.reload("request");
    }

    /** Waits until the server has stopped, however the stop was asked for. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Closes every door's port, the admin port excepted, and keeps the connections ({@code /drain}): a
     * load balancer's next connection is refused at once and goes to another node.
     */
    private void stopAccepting() { // not under this monitor: stop() holds it while connections end

        for (Listener door : new Listener[] {listener, tlsListener, ircListener, ircTlsListener}) {
            if (door != null) {
                door.stopAccepting();
            }
        }
        if (web != null) {
            web.stopAccepting();
        }
        log.info("draining: the ports are closed, the admin port stays");
    }

    /**
     * A graceful stop, bounded in time: stops accepting, tells every client, lets each connection write
     * what is queued for it (every message the journal accepted is committed and delivered first),
     * closes them, then the journal and the store.
     */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        log.info("stopping sessions={}", hub.sessions());
        stopWeb();
        listener.close();
        listener = null;
        if (tlsListener != null) {
            tlsListener.close();
            tlsListener = null;
        }
        if (ircListener != null) {
            ircListener.close();
            ircListener = null;
        }
        if (ircTlsListener != null) {
            ircTlsListener.close();
            ircTlsListener = null;
        }
        if (pruner != null) {
            pruner.interrupt();
        }
        if (certificates != null) {
            certificates.close();
            certificates = null;
        }
        closeStore();
        stopped.countDown();
        log.info("stopped");
        Audit.event("server_stop", "by", stopBy);
    }

    @Override
    public void close() {
        stop();
    }

    /** Starts the web door and the admin port, each when configured; either failing fails the start. */
    private void startWeb(Tls tls, Dispatcher dispatcher, Connection.Settings limits, Admission admission)
            throws IOException {
        var settings = config.web();
        try {
            if (settings.httpPort() >= 0 || (tls != null && settings.httpsPort() >= 0)) {
                web = org.causerie.web.WebServer.start(config.bind(), config.backlog(), settings, tls == null ? null : tls.context(), hub,
                        dispatcher, limits, admission);
            }
            if (settings.adminPort() >= 0) {
                admin = org.causerie.admin.AdminServer.start(settings.adminBind(), settings.adminPort(),
                        new org.causerie.admin.Probes(hub, store, listener, tlsListener, web));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start the web door or the admin port: " + e.getMessage(), e);
        }
    }

    private void stopWeb() {
        if (web != null) {
            web.close();
            web = null;
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    /** The web door's HTTP port, or -1 when it is off. */
    public synchronized int httpPort() {
        return web == null ? -1 : web.httpPort();
    }

    /** The web door's HTTPS port, or -1 when it is off. */
    public synchronized int httpsPort() {
        return web == null ? -1 : web.httpsPort();
    }

    /** The admin port, or -1 when it is off. */
    public synchronized int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /**
     * Until interrupted: renews the node's nickname claims three times per lease, and compares the rooms
     * with the store every {@link ClusterConfig#check}.
     */
    private void checkForever(Hub node) {
        long renewEvery = config.cluster().lease().toNanos() / 3;
        long checkEvery = config.cluster().check().toNanos();
        long nextRenew = System.nanoTime();
        long nextCheck = System.nanoTime() + checkEvery;
        while (true) {
            long now = System.nanoTime();
            try {
                if (now - nextRenew >= 0) {
                    nextRenew = now + renewEvery;
                    node.renewClaims();
                }
                if (now - nextCheck >= 0) {
                    nextCheck = now + checkEvery;
                    node.checkRooms();
                }
            } catch (RuntimeException e) {
                log.warn("cluster_upkeep_failed reason={}", e.getMessage());
            }
            try {
                Thread.sleep(java.time.Duration.ofNanos(Math.max(1, Math.min(nextRenew, nextCheck) - System.nanoTime())));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void closeStore() {
        if (checker != null) {
            checker.interrupt();
            checker = null;
        }
        if (hashing != null) {
            hashing.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (bus != null) { // after the journal: what it committed last is published
            bus.close();
            bus = null;
        }
        store.close();
    }

    private void pruneForever() {
        while (true) {
            try {
                Thread.sleep(PRUNE_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            try {
                log.info("history_pruned messages={}", store.prune(config.retention()));
            } catch (RuntimeException e) {
                log.error("prune_failed", e); // try again at the next round
            }
        }
    }

    private static Store openStore(ServerConfig config) {
        return switch (config.store()) {
            case ServerConfig.MEMORY -> new MemoryStore();
            case ServerConfig.SQLITE -> SqliteStore.open(config.dataDir());
            default -> PostgresStore.open(config.store());
        };
    }

    private static String version() {
        String version = ChatServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
