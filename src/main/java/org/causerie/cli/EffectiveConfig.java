package org.causerie.cli;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code causerie server --print-config}: the configuration the server would run with, as a TOML file it
 * could read back, each key with where its value came from. Secrets are masked: a password in a URL, and
 * the whole value of any key whose name says it is a secret.
 */
final class EffectiveConfig {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]+:)[^/@]*@");
    /** A NATS URL's user info without a colon is a token (nats://TOKEN@host), not a user name. */
    private static final Pattern NATS_TOKEN = Pattern.compile("(?i)((?:nats|tls)://)[^/:@]+@");
    /** A key that holds a secret itself (oper-password, api-token), not one about secrets (token-days). */
    private static final Pattern SECRET_KEY = Pattern.compile("(^|-)(password|secret|token|credentials?)$");
    static final String MASK = "***";

    private EffectiveConfig() {}

    static String toml(Map<String, Settings.Source> sources) {
        var out = new StringBuilder("""
                # causerie server: the effective configuration (flags > CAUSERIE_* environment > file > defaults).
                # Secrets are shown as %s. Unset keys are commented out.
                """.formatted(MASK));
        int width = sources.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (var entry : sources.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue().option().getValue();
            String text = value == null ? null : render(key, value);
            String assignment = text == null ? "# " + key + " =" : key + " = " + text;
            out.append(("%-" + (width + 30) + "s # %s%n").formatted(assignment, entry.getValue().origin()));
        }
        return out.toString();
    }

    private static String render(String key, Object value) {
        if (SECRET_KEY.matcher(key).find()) {
            return quote(MASK);
        }
        return switch (value) {
            case Boolean b -> b.toString();
            case Number n -> n.toString();
            case Collection<?> list -> list.stream().map(v -> render(key, v)).collect(Collectors.joining(", ", "[", "]"));
            default -> quote(mask(value.toString()));
        };
    }

    /** Hides the password of a store URL (query parameter or user info), keeping the rest readable. */
    static String mask(String text) {
        String masked = URL_USER_INFO.matcher(URL_PASSWORD.matcher(text).replaceAll("$1" + MASK)).replaceAll("$1" + MASK + "@");
        return NATS_TOKEN.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /** A TOML basic string. */
    private static String quote(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
