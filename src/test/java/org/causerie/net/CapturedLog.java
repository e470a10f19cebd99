package org.causerie.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The log events of one logger at INFO and above, kept for assertions while attached (thread-safe:
 * connections log from their own threads). The tests' logging is at WARN otherwise.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level level;

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.level = logger.getLevel();
    }

    public static CapturedLog of(Class<?> source) {
        return of(source.getName());
    }

    /** The events of the logger called {@code name}, such as the audit log's. */
    public static CapturedLog of(String name) {
        var captured = new CapturedLog((Logger) LoggerFactory.getLogger(name));
        captured.logger.setLevel(Level.INFO);
        captured.start();
        captured.logger.addAppender(captured);
        return captured;
    }

    @Override
    protected void append(ILoggingEvent event) {
        messages.add(event.getFormattedMessage());
    }

    /** Whether one message holds all the parts. */
    public boolean contains(String... parts) {
        return messages.stream().anyMatch(message -> Arrays.stream(parts).allMatch(message::contains));
    }

    /** The messages kept so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(level);
        stop();
    }
}
