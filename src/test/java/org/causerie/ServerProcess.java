package org.causerie;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a child JVM, for what an in-process server cannot show: a SIGKILL, a SIGTERM and the exit
 * status, a lowered open-files limit or another umask. It runs this JVM's java with the test class path,
 * on a free loopback port, without limits unless told otherwise; {@link #output} keeps what it printed.
 */
record ServerProcess(Process process, int port, List<String> output) {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    static ServerProcess start(Path dataDir) throws IOException {
        return start(dataDir, null, "--no-limits");
    }

    /**
     * Starts a server with {@code options}; {@code shell}, when not null, is run by {@code sh} first in
     * the same process (for example {@code ulimit -n 256; umask 000}).
     */
    static ServerProcess start(Path dataDir, String shell, String... options) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        if (shell != null) {
            command.addAll(List.of("sh", "-c", shell + "; exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.causerie.cli.Main", "server", "--bind", "127.0.0.1",
                "--port", "0", "--data", dataDir.toString()));
        command.addAll(List.of(options));
        for (String door : List.of("--irc-port", "--http-port", "--admin-port")) {
            if (!List.of(options).contains(door)) { // their default ports may be taken by another server on the machine
                command.addAll(List.of(door, "0"));
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var listening = new java.util.concurrent.CountDownLatch(1);
        Thread.ofVirtual().start(() -> { // a process that never says it listens is ended, so the read below ends
            try {
                if (!listening.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        var output = new CopyOnWriteArrayList<String>();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            output.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                listening.countDown();
                Thread.ofVirtual().start(() -> out.lines().forEach(output::add)); // keep the pipe drained
                return new ServerProcess(process, Integer.parseInt(matcher.group(1)), output);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the server process ended before it listened: " + output);
    }
}
