package org.causerie.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The processes and folders of one test: server nodes in their own JVMs, a private NATS, a private
 * PostgreSQL, a database on the machine's PostgreSQL. {@code @RegisterExtension final Fleet fleet = new
 * Fleet();} After each test, whatever its outcome, everything it started is killed in the reverse order
 * and its folder removed; when the test failed, what each node printed is written to standard output
 * (surefire keeps it in the report). A JVM shutdown hook does the same for a run that is interrupted.
 */
public final class Fleet implements BeforeEachCallback, AfterEachCallback {
    /** A cluster node's options: its bus, its store, its name, no limits, then {@code more}. */
    public static String[] options(String bus, String store, String name, String... more) {
        var all = new ArrayList<>(List.of("--cluster", bus, "--store", store, "--node", name, "--no-limits"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<Node> nodes = new ArrayList<>();
    private Path root;
    private Thread hook;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("causerie-fleet");
        hook = new Thread(this::release, "fleet-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            for (Node node : nodes) {
                System.out.println("===== output of node " + node.name());
                node.output().forEach(System.out::println);
            }
        }
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs release(), which is idempotent
        }
    }

    private synchronized void release() {
        RuntimeException first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("cleanup failed", e);
                }
            }
        }
        nodes.clear();
        if (root != null) {
            delete(root);
            root = null;
        }
        if (first != null) {
            throw first;
        }
    }

    /** A node named {@code name} with its own data folder and {@code options} (after the port options). */
    public Node node(String name, String... options) {
        Path data = folder("node-" + name);
        Node node = Node.start(name, data, List.of(options)); // not under the lock: nodes may start in parallel
        synchronized (this) {
            started.push(node);
            nodes.add(node);
        }
        return node;
    }

    /**
     * Nodes started at once, each on its own thread (a JVM takes seconds to start on a loaded machine):
     * {@code names[i]} with {@code options.apply(names[i])}. Returns them in the order of the names.
     */
    public List<Node> nodes(List<String> names, java.util.function.Function<String, String[]> options) {
        var starting = new ArrayList<java.util.concurrent.Future<Node>>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                starting.add(threads.submit(() -> node(name, options.apply(name))));
            }
        }
        var started = new ArrayList<Node>();
        for (var node : starting) {
            try {
                started.add(node.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof AssertionError failure ? failure : new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return started;
    }

    /** A private nats-server -js on free ports. */
    public synchronized NatsServer nats() {
        NatsServer nats = NatsServer.start(folder("nats"));
        started.push(nats);
        return nats;
    }

    /** A private PostgreSQL on a free port. */
    public synchronized PrivatePostgres postgres() {
        // Its own temporary folder, not one under this test's root: the root is the test's alone (0700), and
        // the postgres user that runs the database when the tests run as root could not reach into it.
        Path folder;
        try {
            folder = Files.createTempDirectory("causerie-postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        started.push(() -> delete(folder));
        PrivatePostgres postgres = PrivatePostgres.start(folder);
        started.push(postgres);
        return postgres;
    }

    /** A fresh database on the machine's PostgreSQL, dropped after the test. */
    public synchronized SharedDatabase database() {
        SharedDatabase database = SharedDatabase.create();
        started.push(database);
        return database;
    }

    /** A fresh folder under this test's root, removed after it. */
    public synchronized Path folder(String name) {
        try {
            return Files.createDirectory(root.resolve(name + "-" + started.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a file that vanished meanwhile; what is left is in the system's temporary folder
        }
    }
}
