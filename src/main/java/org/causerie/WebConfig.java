package org.causerie;

import java.util.List;

/**
 * The web door and the admin port (docs/web.md, docs/operations.md). A port of -1 is off, 0 picks a
 * free one; {@code causerie server} turns {@code --http-port 0} into off.
 *
 * @param httpPort       the page and its WebSocket door ({@code /ws}) over plain HTTP
 * @param httpsPort      the same over HTTPS and WSS, with the TLS door's certificate; only with TLS on
 * @param adminPort      {@code /metrics}, {@code /healthz} and {@code /readyz}
 * @param adminBind      the admin port's address: loopback unless the operator says otherwise
 * @param trustedProxies networks (CIDR) whose {@code Forwarded} / {@code X-Forwarded-For} are believed
 * @param origins        page origins, besides the server's own, that may open a socket
 */
public record WebConfig(int httpPort, int httpsPort, int adminPort, String adminBind, List<String> trustedProxies,
        List<String> origins) {
    public static final WebConfig OFF = new WebConfig(-1, -1, -1, "127.0.0.1", List.of(), List.of());
    public static final int HTTP_PORT = 8080;
    public static final int HTTPS_PORT = 8443;
    public static final int ADMIN_PORT = 9090;

    public WebConfig {
        trustedProxies = List.copyOf(trustedProxies);
        origins = List.copyOf(origins);
        for (int port : new int[] {httpPort, httpsPort, adminPort}) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("a web or admin port is between 0 and 65535, not " + port);
            }
        }
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("--web-origin is scheme://host[:port], like https://chat.example.org, not "
                        + origin);
            }
        }
    }

    /** The page and the door on plain HTTP only, on a free port: for tests. */
    public static WebConfig httpOnly() {
        return new WebConfig(0, -1, -1, "127.0.0.1", List.of(), List.of());
    }

    public WebConfig withAdmin(int port) {
        return new WebConfig(httpPort, httpsPort, port, adminBind, trustedProxies, origins);
    }

    public WebConfig withTrustedProxies(List<String> networks) {
        return new WebConfig(httpPort, httpsPort, adminPort, adminBind, networks, origins);
    }

    public WebConfig withOrigins(List<String> allowed) {
        return new WebConfig(httpPort, httpsPort, adminPort, adminBind, trustedProxies, allowed);
    }
}
