package org.causerie.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code causerie server} in a JVM of its own (this JVM's java, the test class path), as a node of a
 * cluster is in production: it can be killed with SIGKILL, stopped with SIGTERM, and restarted with the
 * same options, data folder and port, so that clients holding its address find it again. The IRC, web
 * and admin ports are off unless the options turn them on. {@link #output} keeps what it printed.
 */
public final class Node implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    static final Duration START = Duration.ofSeconds(30);

    private final String name;
    private final Path dataDir;
    private final List<String> options;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private int port;
    private Process process;

    private Node(String name, Path dataDir, List<String> options) {
        this.name = name;
        this.dataDir = dataDir;
        this.options = List.copyOf(options);
    }

    /** Starts a node on a free port; returns once it says it listens, or fails with what it printed. */
    static Node start(String name, Path dataDir, List<String> options) {
        var node = new Node(name, dataDir, options);
        node.launch(0);
        return node;
    }

    private void launch(int wantedPort) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.causerie.cli.Main",
                "server", "--bind", "127.0.0.1", "--port", String.valueOf(wantedPort), "--data", dataDir.toString(),
                "--irc-port", "0", "--http-port", "0", "--admin-port", "0"));
        command.addAll(options);
        output.add("--- start " + name + ": " + String.join(" ", options));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var listening = new CompletableFuture<Integer>();
        Process started = process;
        Thread.ofVirtual().name("node-output-" + name).start(() -> {
            try (var out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed: its pipe ends with it
            }
            listening.complete(-1);
        });
        int got;
        try {
            got = listening.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            got = -1;
        }
        if (got < 0) {
            process.destroyForcibly();
            throw new AssertionError("node " + name + " did not start listening: " + output);
        }
        port = got;
    }

    public String name() {
        return name;
    }

    /** The line protocol's port; the same across {@link #restart}. */
    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything the node printed, across restarts; each start begins with a line {@code --- start}. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL, as a crash or an OOM killer would: nothing runs in the process after it. Waits for the end. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, an orderly stop; a process still running after {@code limit} is killed. Returns the exit status. */
    public int stop(Duration limit) {
        process.destroy();
        if (!awaitExit(limit)) {
            kill();
        }
        return process.exitValue();
    }

    /** Waits up to {@code limit} for the process to end on its own (after /drain, say); false if it has not. */
    public boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the node again, after a kill or a stop, with its options, data folder and port. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("node " + name + " is still running");
        }
        launch(port);
    }

    /** Kills the node if it still runs: after each test, whatever its outcome. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
