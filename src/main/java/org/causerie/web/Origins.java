package org.causerie.web;

import java.util.List;
import java.util.Locale;

/**
 * Which pages may open a socket or set the session cookie: the page's own origin (the scheme and
 * {@code Host} the request came to), and the origins the operator lists ({@code --web-origin}). A request
 * with no {@code Origin} header comes from no browser page (a script, a bot): it is allowed, since no
 * user's cookie can be riding on it without the user's browser sending an Origin.
 */
final class Origins {
    private final List<String> extra;

    Origins(List<String> extra) {
        this.extra = extra.stream().map(Origins::normal).toList();
    }

    /** True when {@code origin} (the header, or null) may act on a request to {@code scheme://host}. */
    boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        String wanted = normal(origin);
        if (host != null && wanted.equals(normal(scheme + "://" + host))) {
            return true;
        }
        return extra.contains(wanted);
    }

    private static String normal(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
