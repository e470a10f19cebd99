package org.causerie.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format json}: logback is configured from logback.xml before the options are read (loggers
 * exist from the start), so JSON replaces that configuration with logback-json.xml, the same loggers
 * with logback's JsonEncoder.
 */
final class LogFormat {
    private LogFormat() {}

    static void use(String format) {
        if (!format.equals("json") || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // text is logback.xml, already in force; another SLF4J binding has its own configuration
        }
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(LogFormat.class.getResource("/logback-json.xml"));
        } catch (JoranException e) {
            System.err.println("causerie: cannot configure JSON logs: " + e.getMessage());
        }
    }
}
