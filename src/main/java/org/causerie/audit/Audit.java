package org.causerie.audit;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one audit log of the server: who connected, logged in, registered, moderated or stopped what.
 * One line per event on its own logger, {@code causerie.audit}, so that it can go to a file of its own:
 * the event's stable snake_case name, then {@code key=value} pairs (logfmt; values with spaces or quotes
 * are quoted). The pairs are also attached as SLF4J key-values, for structured (JSON) encoders.
 *
 * <p>Events caused by a client address ({@link #from}) are rate-limited per address: past
 * {@value #PER_WINDOW} lines in {@link #WINDOW}, that address's events are counted, not written, and one
 * {@code audit_suppressed} line says how many were dropped once its next window opens. A storm of
 * connections from one address thus writes a summary, not a line each, and cannot fill the disk.
 */
public final class Audit {
    public static final String LOGGER = "causerie.audit";
    static final int PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** Addresses remembered before old windows are swept; bounds the memory an address flood can take. */
    private static final int SWEEP_ABOVE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Audit INSTANCE = new Audit(System::nanoTime);

    private final LongSupplier nanos;
    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    Audit(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Writes one audit event: {@code Audit.event("server_stop", "by", "alice")}. */
    public static void event(String name, Object... pairs) {
        write(name, pairs);
    }

    /** Writes one audit event caused by {@code address}, unless that address has written too many lately. */
    public static void from(InetAddress address, String name, Object... pairs) {
        INSTANCE.limited(address, name, pairs);
    }

    void limited(InetAddress address, String name, Object... pairs) {
        if (address == null) {
            write(name, pairs);
            return;
        }
        long now = nanos.getAsLong();
        long dropped;
        boolean admitted;
        Window window = windows.computeIfAbsent(address, a -> new Window(now));
        synchronized (window) {
            dropped = window.roll(now);
            admitted = ++window.count <= PER_WINDOW;
            if (!admitted) {
                window.suppressed++;
            }
        }
        if (dropped > 0) {
            write("audit_suppressed", "address", address.getHostAddress(), "events", dropped, "seconds",
                    WINDOW.toSeconds());
        }
        if (admitted) {
            write(name, withAddress(address, pairs));
        }
        if (windows.size() > SWEEP_ABOVE) {
            sweep(now);
        }
    }

    /** Forgets the addresses whose window has closed, saying first what each of them had suppressed. */
    private void sweep(long now) {
        windows.forEach((address, window) -> {
            long dropped;
            synchronized (window) {
                if (now - window.start < WINDOW.toNanos()) {
                    return;
                }
                dropped = window.roll(now);
                windows.remove(address, window);
            }
            if (dropped > 0) {
                write("audit_suppressed", "address", address.getHostAddress(), "events", dropped, "seconds",
                        WINDOW.toSeconds());
            }
        });
    }

    private static Object[] withAddress(InetAddress address, Object[] pairs) {
        Object[] all = new Object[pairs.length + 2];
        all[0] = "address";
        all[1] = address.getHostAddress();
        System.arraycopy(pairs, 0, all, 2, pairs.length);
        return all;
    }

    private static void write(String name, Object... pairs) {
        if (!log.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder event = log.atInfo().setMessage(line(name, pairs));
        for (int i = 0; i < pairs.length; i += 2) {
            event = event.addKeyValue(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        event.log();
    }

    /** The event as one logfmt line: {@code name key=value key="two words"}. */
    static String line(String name, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("audit pairs come as key, value: " + name);
        }
        var line = new StringBuilder(name);
        for (int i = 0; i < pairs.length; i += 2) {
            line.append(' ').append(pairs[i]).append('=');
            quote(line, String.valueOf(pairs[i + 1]));
        }
        return line.toString();
    }

    /** Quotes a value that needs it; control characters are escaped so that one event stays one line. */
    private static void quote(StringBuilder line, String value) {
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 0x7f);
        if (plain) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** One address's current window; guarded by its own monitor. */
    private static final class Window {
        long start;
        int count;
        long suppressed;

        Window(long start) {
            this.start = start;
        }

        /** Opens a new window if this one has closed; returns what the closed one suppressed. */
        long roll(long now) {
            if (now - start < WINDOW.toNanos()) {
                return 0;
            }
            long dropped = suppressed;
            start = now;
            count = 0;
            suppressed = 0;
            return dropped;
        }
    }
}
