package org.causerie.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The server's counters, in Micrometer's global registry: code anywhere counts with one call, and the
 * admin port (when it is on) adds its Prometheus registry to the global one, which hands it every meter.
 * With no admin port the counts go nowhere and cost an atomic add. Every meter is explained in
 * docs/operations.md; the names there are the Prometheus ones ({@code causerie_…_total}).
 */
public final class Meters {
    private static final MeterRegistry REGISTRY = Metrics.globalRegistry;

    public static final Counter ROOM_MESSAGES = Counter.builder("causerie.messages.accepted").tag("kind", "room")
            .description("room messages numbered and handed to the journal").register(REGISTRY);
    public static final Counter BUS_PUBLISHED = Counter.builder("causerie.bus.published")
            .description("notes published on a shared bus: one per committed event, never one per recipient")
            .register(REGISTRY);
    public static final Counter REPAIRED = Counter.builder("causerie.cluster.repaired")
            .description("room messages a node read back from the store to fill a hole the bus left").register(REGISTRY);
    public static final Counter PRIVATE_MESSAGES = Counter.builder("causerie.messages.accepted").tag("kind", "private")
            .description("private messages numbered and handed to the journal").register(REGISTRY);
    public static final Counter DELIVERIES = Counter.builder("causerie.deliveries")
            .description("room messages queued to members' outboxes once stored").register(REGISTRY);
    public static final Timer COMMIT = Timer.builder("causerie.journal.commit").publishPercentileHistogram()
            .description("time to commit one group of entries to the store").register(REGISTRY);
    public static final DistributionSummary GROUP = DistributionSummary.builder("causerie.journal.group.size")
            .publishPercentileHistogram().maximumExpectedValue(1024.0)
            .description("entries committed in one store transaction").register(REGISTRY);
    public static final Counter STORE_ERRORS = Counter.builder("causerie.store.errors")
            .description("journal commits the store refused (their senders were told)").register(REGISTRY);

    private Meters() {}

    /** A connection dropped because its outbox filled ({@code door}: line, websocket). */
    public static void outboxDrop(String door) {
        Counter.builder("causerie.outbox.drops").tag("door", door)
                .description("clients dropped as too slow: their outbox was full").register(REGISTRY).increment();
    }

    /** A limit refused or slowed a client; {@code kind} is one of those in docs/operations.md. */
    public static void limitHit(String kind) {
        Counter.builder("causerie.limit.hits").tag("kind", kind)
                .description("times a limit refused, slowed or dropped a client").register(REGISTRY).increment();
    }

    /** A refused command, by its stable error code (docs/protocol.md). */
    public static void commandError(String code) {
        Counter.builder("causerie.command.errors").tag("code", code)
                .description("commands refused, by error code").register(REGISTRY).increment();
        if (code.equals("bad-login") || code.equals("too-many-attempts")
                || code.equals("bad-token")) {
            Counter.builder("causerie.login.failures").tag("code", code)
                    .description("logins and resumes refused").register(REGISTRY).increment();
        }
    }
}
