package org.causerie.cli;

import java.net.BindException;
import org.causerie.ServerConfig;
import org.causerie.auth.Operators;
import org.causerie.net.TlsSetupException;
import org.causerie.store.StoreException;

/**
 * Why a server could not start, in one line an operator can act on: the first line of the innermost
 * message that says something, never a stack trace or a migration tool's dump (those go to the debug log).
 */
final class StartFailure {
    private StartFailure() {}

    static String reason(Exception e, ServerConfig config) {
        return switch (e) {
            case BindException b when b.getMessage() != null && b.getMessage().startsWith("cannot listen on ") ->
                    firstLine(b.getMessage()); // a door's listener names its address and option
            case BindException b -> "cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + firstLine(b.getMessage()).toLowerCase(java.util.Locale.ROOT);
            case StoreException s when s.getMessage() != null && s.getMessage().startsWith("permission denied") ->
                    firstLine(s.getMessage());
            case StoreException s -> "cannot open the store (" + EffectiveConfig.mask(config.store()) + "): "
                    + firstLine(s.getMessage());
            case TlsSetupException t -> "cannot start TLS: " + firstLine(t.getMessage());
            case Operators.Unverified u -> firstLine(u.getMessage());
            default -> "cannot start: " + firstLine(String.valueOf(e.getMessage()));
        };
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return EffectiveConfig.mask(line);
    }
}
