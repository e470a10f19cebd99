package org.causerie;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a child JVM, for what an in-process server cannot show: a SIGKILL, a SIGTERM and the exit
 * status. It runs this JVM's java with the test class path, on a free loopback port, without limits.
 */
record ServerProcess(Process process, int port) {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    static ServerProcess start(Path dataDir) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.causerie.cli.Main", "server", "--bind", "127.0.0.1",
                "--port", "0", "--data", dataDir.toString(), "--no-limits").redirectErrorStream(true).start();
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
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                listening.countDown();
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // keep the pipe drained
                return new ServerProcess(process, Integer.parseInt(matcher.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the server process ended before it listened");
    }
}
