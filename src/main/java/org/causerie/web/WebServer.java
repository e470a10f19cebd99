package org.causerie.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.causerie.WebConfig;
import org.causerie.chat.Hub;
import org.causerie.command.Dispatcher;
import org.causerie.net.Admission;
import org.causerie.net.Connection;
import org.causerie.net.MessageConnection;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web door: the page ({@code /}), its WebSocket ({@code /ws}) and the session cookie
 * ({@code /session}), over HTTP and, with TLS configured, HTTPS with the same certificate. Jetty 12 on
 * virtual threads (docs/web.md says why): an idle socket holds no thread, a frame is run on one.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    static final String DOOR = "websocket";
    /** Platform threads of Jetty's pool: an acceptor and a selector per port, and room for its own tasks. */
    private static final int POOL_THREADS = 16;

    private final Server server;
    private final ServerConnector http;
    private final ServerConnector https;
    private final Set<WsEndpoint> live = ConcurrentHashMap.newKeySet();

    private WebServer(Server server, ServerConnector http, ServerConnector https) {
        this.server = server;
        this.http = http;
        this.https = https;
    }

    /**
     * Binds and starts; {@code tls} is the TLS door's context (or null: then no HTTPS). The session
     * machinery ({@code hub}, {@code dispatcher}, {@code limits}) is the line door's, admission included.
     * {@code backlog} is the accept queue of each port, as the line door's: Jetty's default (the JDK's
     * 50) drops the SYNs of a crowd arriving at once, which then wait a second or more to retry.
     */
    public static WebServer start(String bind, int backlog, WebConfig config, SSLContext tls, Hub hub,
            Dispatcher dispatcher, Connection.Settings limits, Admission admission) throws Exception {
        // Jetty runs what may block (the handlers, the upgrade) on virtual threads; its pool keeps the
        // selectors, acceptors and non-blocking tasks. Left at its default of 200, a crowd of upgrades
        // grew it to 200 platform threads, each with a stack, which took most of the resident memory of
        // 2,000 idle WebSockets (docs/web.md); a few suffice for what is left on it.
        var pool = new QueuedThreadPool(POOL_THREADS, 2);
        pool.setName("web");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        var server = new Server(pool);
        ServerConnector http = null;
        ServerConnector https = null;
        var http11 = new HttpConfiguration();
        http11.setSendServerVersion(false); // no version for scanners to match
        if (config.httpPort() >= 0) {
            http = new ServerConnector(server, new HttpConnectionFactory(http11));
            http.setHost(bind);
            http.setPort(config.httpPort());
            http.setAcceptQueueSize(backlog);
            server.addConnector(http);
        }
        if (tls != null && config.httpsPort() >= 0) {
            var ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            var secure = new HttpConfiguration(http11);
            secure.addCustomizer(new SecureRequestCustomizer(false)); // the TLS door's certificate serves any name
            https = new ServerConnector(server, ssl, new HttpConnectionFactory(secure));
            https.setHost(bind);
            https.setPort(config.httpsPort());
            https.setAcceptQueueSize(backlog);
            server.addConnector(https);
        }
        var web = new WebServer(server, http, https);
        var origins = new Origins(config.origins());
        var proxies = new TrustedProxies(config.trustedProxies());
        var ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(limits.maxLineBytes() * 4L + 16); // UTF-8 of a line at most; checked again per line
            container.setIdleTimeout(Duration.ZERO);
            container.addMapping("/ws", (request, response, callback) -> {
                String origin = request.getHeaders().get("Origin");
                if (!origins.allows(origin, request.getHttpURI().getScheme(), request.getHeaders().get("Host"))) {
                    log.info("ws_refused reason=origin origin=\"{}\"", origin);
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                            "this page's origin may not open a socket here");
                    return null;
                }
                // No permessage-deflate, which browsers offer: compressing a user's token reply in one stream
                // with text other people choose is a compression oracle (CRIME), and each connection would
                // hold a zlib state of its own for lines of a few dozen bytes.
                response.setExtensions(List.of());
                InetAddress client = proxies.client(peer(request), request.getHeaders().get("Forwarded"),
                        request.getHeaders().get("X-Forwarded-For"));
                String token = SessionCookie.token(request);
                var endpoint = new WsEndpoint[1];
                endpoint[0] = new WsEndpoint(transport -> new MessageConnection(transport, hub, dispatcher, limits,
                        admission, client, DOOR), token, limits.policy().guestTimeout(), limits.policy().keepAliveIdle(),
                        () -> web.live.remove(endpoint[0]));
                web.live.add(endpoint[0]);
                return endpoint[0];
            });
        });
        ws.setHandler(new PageHandler(new SessionCookie(origins)));
        server.setHandler(ws);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw org.causerie.net.Listener.bindFailure(e, "the web page (--http-port, --https-port)");
        }
        log.info("web_listening address={} http={} https={}", bind, web.httpPort(), web.httpsPort());
        return web;
    }

    private static InetAddress peer(Request request) {
        return ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
    }

    /** The HTTP port, or -1 when there is none. */
    public int httpPort() {
        return http == null ? -1 : http.getLocalPort();
    }

    /** The HTTPS port, or -1 when there is none. */
    public int httpsPort() {
        return https == null ? -1 : https.getLocalPort();
    }

    /** WebSocket sessions now open. */
    public int connections() {
        return live.size();
    }

    /**
     * Closes the HTTP and HTTPS ports and keeps the open WebSockets ({@code /drain}): Jetty's connector
     * stops accepting, its established connections go on.
     */
    public void stopAccepting() {
        for (ServerConnector connector : new ServerConnector[] {http, https}) {
            if (connector != null) {
                connector.close();
            }
        }
    }

    /** Tells every WebSocket session that the server stops, lets each write what is queued, then stops. */
    @Override
    public void close() {
        for (WsEndpoint endpoint : live) {
            MessageConnection connection = endpoint.connection();
            if (connection != null) {
                connection.end("server shutting down", "the server is shutting down");
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // bounded: each session ends by itself within its drain timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("web_stop_failed reason=\"{}\"", e.getMessage());
        }
    }
}
