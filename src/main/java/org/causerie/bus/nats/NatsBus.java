package org.causerie.bus.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.causerie.bus.Bus;
import org.causerie.bus.Note;
import org.causerie.bus.NoteCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a cluster: core NATS, one subject for every event of the cluster, one publish per event.
 * Core NATS may drop a note (a slow consumer, a reconnect), and that is allowed: each note carries its
 * room's sequence number and the hub repairs holes from the store. Publishing never blocks: while the
 * connection is down, jnats buffers up to its reconnect buffer and then drops, which the repair covers.
 *
 * <p>The subject names the cluster, not a room: a room name needs no escaping and one subscription
 * takes all.
 */
public final class NatsBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(NatsBus.class);
    private final String node;
    /** The cluster's subject, {@code causerie.<cluster id>}: every node of it publishes and subscribes there. */
    private final String subject;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final AtomicLong published = new AtomicLong();
    /** Notes published by every NATS bus of this process, per kind (tests run several nodes in one JVM). */
    private static final java.util.Map<Note.Kind, java.util.concurrent.atomic.LongAdder> PUBLISHED = counters();

    private static java.util.Map<Note.Kind, java.util.concurrent.atomic.LongAdder> counters() {
        var counters = new java.util.EnumMap<Note.Kind, java.util.concurrent.atomic.LongAdder>(Note.Kind.class);
        for (Note.Kind kind : Note.Kind.values()) {
            counters.put(kind, new java.util.concurrent.atomic.LongAdder());
        }
        return counters;
    }
    private volatile Consumer<Note> receiver = note -> { };
    /** Told when the connection comes back, so that the hub compares its rooms with the store. */
    private volatile Runnable reconnected = () -> { };
    /** Told when the connection is lost, so that the hub warns its sessions that others hear them late. */
    private volatile Runnable lost = () -> { };

    private NatsBus(String node, String subject, Connection connection) {
        this.node = node;
        this.subject = subject;
        this.connection = connection;
        this.dispatcher = connection.createDispatcher(message -> take(message.getData()));
        dispatcher.subscribe(subject);
    }

    /**
     * Connects to {@code url} (nats://host:4222) as {@code node} of the cluster {@code cluster} (a name of
     * letters and digits, the same on every node); throws {@link IOException} if no server answers.
     */
    public static NatsBus connect(String url, String cluster, String node) throws IOException {
        if (!cluster.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a cluster's name is letters, digits, _ and -, not " + cluster);
        }
        var holder = new NatsBus[1];
        Options options = new Options.Builder().server(url).connectionName("causerie-" + node)
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(500)).connectionTimeout(Duration.ofSeconds(5))
                .connectionListener((conn, event) -> {
                    log.info("bus_connection event={}", event);
                    NatsBus bus = holder[0];
                    if (bus == null) {
                        return;
                    }
                    if (event == ConnectionListener.Events.RECONNECTED || event == ConnectionListener.Events.RESUBSCRIBED) {
                        bus.reconnected.run();
                    } else if (event == ConnectionListener.Events.DISCONNECTED) {
                        bus.lost.run();
                    }
                }).build();
        Connection connection;
        try {
            connection = Nats.connect(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url, e);
        }
        var bus = new NatsBus(node, "causerie." + cluster, connection);
        holder[0] = bus;
        return bus;
    }

    /** A node's own notes were handed to it at publish: their echo is skipped. */
    private void take(byte[] data) {
        Note note;
        try {
            note = NoteCodec.decode(data);
        } catch (IllegalArgumentException e) {
            log.warn("bus_note_unreadable bytes={} reason={}", data.length, e.getMessage());
            return;
        }
        if (note == null || note.origin().equals(node)) {
            return;
        }
        try {
            receiver.accept(note);
        } catch (RuntimeException e) {
            log.error("bus_delivery_failed kind={} room={} id={}", note.kind(), note.room(), note.id(), e);
        }
    }

    @Override
    public void receive(Consumer<Note> receiver) {
        this.receiver = receiver;
    }

    /** Sets what runs when the connection to NATS comes back after a loss. */
    public void onReconnect(Runnable action) {
        this.reconnected = action;
    }

    /** Sets what runs when the connection to NATS is lost (jnats then buffers publishes and reconnects). */
    public void onLoss(Runnable action) {
        this.lost = action;
    }

    @Override
    public void publish(Note note) {
        receiver.accept(note);
        try {
            connection.publish(subject, NoteCodec.encode(note));
            published.incrementAndGet();
            PUBLISHED.get(note.kind()).increment();
            org.causerie.metrics.Meters.BUS_PUBLISHED.increment();
        } catch (IllegalStateException e) { // closed: the other nodes repair from the store
            log.warn("bus_publish_failed kind={} room={} id={} reason={}", note.kind(), note.room(), note.id(), e.getMessage());
        }
    }

    /** Notes of {@code kind} published by all the NATS buses of this process, since it started. */
    public static long publishedInProcess(Note.Kind kind) {
        return PUBLISHED.get(kind).sum();
    }

    /** Notes this node has published. */
    public long published() {
        return published.get();
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        try {
            connection.drain(Duration.ofSeconds(2));
        } catch (Exception e) {
            log.debug("bus_drain_failed", e);
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
