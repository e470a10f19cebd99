package org.causerie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;

/**
 * Room messages per second through a real server, with each store: how much "durable before
 * delivered" costs. S senders in one room send M messages each as fast as the server takes them (each
 * with at most 200 of its own messages in flight); one listener counts deliveries; the time runs from the first send to the last delivery. Stores are
 * measured in turns (memory, sqlite, postgresql if given) after one warm-up round each, R rounds, and
 * the median reported.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/bench.cp) org.causerie.bench.StoreThroughput \
 *     [senders=10] [messages=5000] [rounds=3] [postgres-url]</pre>
 *
 * Bounded: every wait has a deadline; a run that does not finish in 120 s is reported as failed.
 */
public final class StoreThroughput {
    private static final String PAYLOAD = "x".repeat(100);
    /** Messages a sender may have in flight (sent, not yet echoed). */
    private static final int WINDOW = 200;

    public static void main(String[] args) throws Exception {
        int senders = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> stores = new ArrayList<>(List.of(ServerConfig.MEMORY, ServerConfig.SQLITE));
        if (args.length > 3) {
            stores.add(args[3]);
        }
        System.out.printf("senders=%d messages/sender=%d payload=%dB rounds=%d cores=%d java=%s%n", senders, messages,
                PAYLOAD.length(), rounds, Runtime.getRuntime().availableProcessors(), Runtime.version());
        for (String store : stores) { // warm-up: the JIT, the pools, the files; not counted
            System.out.printf("warm-up %-10s %,10.0f msg/s%n", label(store), run(store, senders, messages));
        }
        double[][] rates = new double[stores.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < stores.size(); s++) {
                rates[s][round] = run(stores.get(s), senders, messages);
                System.out.printf("round %d %-10s %,10.0f msg/s%n", round + 1, label(stores.get(s)), rates[s][round]);
            }
        }
        for (int s = 0; s < stores.size(); s++) {
            double[] sorted = rates[s].clone();
            Arrays.sort(sorted);
            System.out.printf("median %-10s %,10.0f msg/s (ratio to memory %.2f)%n", label(stores.get(s)),
                    sorted[rounds / 2], sorted[rounds / 2] / median(rates[0]));
        }
    }

    private static double run(String store, int senders, int messages) throws Exception {
        Path data = Files.createTempDirectory("causerie-bench");
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(store, data).replay(0)
                .outboxCapacity(1 << 16).build(); // the listener must not be dropped as slow while it counts
        try (var server = ChatServer.create(config).start()) {
            var done = new CountDownLatch(1);
            long total = (long) senders * messages;
            var listener = connect(server.port());
            var ready = new CountDownLatch(1);
            Thread counter = Thread.ofVirtual().start(() -> count(listener, total, ready, done));
            ready.await(10, TimeUnit.SECONDS);
            var clients = new ArrayList<Socket>();
            for (int i = 0; i < senders; i++) {
                clients.add(connect(server.port()));
            }
            long start = System.nanoTime();
            var threads = new ArrayList<Thread>();
            for (Socket client : clients) {
                threads.add(Thread.ofVirtual().start(() -> send(client, messages)));
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the run did not finish in 120 s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Thread thread : threads) {
                thread.join();
            }
            for (Socket client : clients) {
                client.close();
            }
            listener.close();
            counter.join();
            return total / seconds;
        }
    }

    private static Socket connect(int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * Sends with at most {@link #WINDOW} of its own messages not yet echoed back, as a client with flow
     * control would: the benchmark measures what the server sustains, not how deep queues can grow
     * before a slow reader is dropped.
     */
    private static void send(Socket socket, int messages) {
        try {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String welcome = in.readLine();
            String nick = welcome.replaceFirst(".* you are (\\S+) in .*", "$1");
            var window = new Semaphore(WINDOW);
            Thread.ofVirtual().start(() -> echoes(in, "#general <" + nick + "> ", window));
            OutputStream out = socket.getOutputStream();
            byte[] line = (PAYLOAD + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < messages; i++) {
                if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no echo for 60 s");
                }
                out.write(line);
                if (window.availablePermits() == 0 || i == messages - 1) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads everything that comes back, and opens the window by one for each echo of our own. */
    private static void echoes(BufferedReader in, String own, Semaphore window) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(own)) {
                    window.release();
                }
            }
        } catch (IOException ignored) {
            // closed at the end of the run
        }
    }

    private static void count(Socket socket, long total, CountDownLatch ready, CountDownLatch done) {
        try {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            long seen = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("* #general: guest-1 joined")) {
                    ready.countDown();
                } else if (line.startsWith("#general <") && ++seen == total) {
                    done.countDown();
                }
            }
        } catch (IOException ignored) {
            // closed at the end of the run
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String label(String store) {
        return store.startsWith("jdbc:postgresql") ? "postgresql" : store;
    }
}
