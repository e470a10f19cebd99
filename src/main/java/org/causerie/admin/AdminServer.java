package org.causerie.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port: {@code GET /metrics} (Prometheus text), {@code GET /healthz} (the process answers) and
 * {@code GET /readyz} (the store answers and the doors accept). It listens apart from the doors, on
 * loopback unless the operator says otherwise, so that metrics never face the public.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final PrometheusMeterRegistry registry;

    private AdminServer(Server server, ServerConnector connector, PrometheusMeterRegistry registry) {
        this.server = server;
        this.connector = connector;
        this.registry = registry;
    }

    public static AdminServer start(String bind, int port, Probes probes) throws Exception {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String door : new String[] {"line", "tls", "websocket"}) {
            Gauge.builder("causerie.connections", probes, p -> p.connections(door)).tag("door", door)
                    .description("connections open, by door").register(registry);
        }
        Gauge.builder("causerie.sessions", probes, p -> p.hub().sessions()).description("sessions connected")
                .register(registry);
        Gauge.builder("causerie.rooms", probes, p -> p.hub().rooms().size()).description("rooms open")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Metrics.addRegistry(registry); // the counters of org.causerie.metrics.Meters, from now on here too

        var pool = new QueuedThreadPool(8, 1);
        pool.setName("admin");
        var server = new Server(pool);
        var connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                if (!request.getMethod().equals("GET")) {
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                switch (path) {
                    case "/metrics" -> answer(response, callback, HttpStatus.OK_200,
                            "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                    case "/healthz" -> answer(response, callback, HttpStatus.OK_200, TEXT, "ok\n");
                    case "/readyz" -> {
                        String problem = probes.unready();
                        answer(response, callback, problem == null ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                                TEXT, problem == null ? "ready\n" : problem + "\n");
                    }
                    default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            Metrics.removeRegistry(registry);
            registry.close();
            server.stop();
            throw org.causerie.net.Listener.bindFailure(e, "metrics and health (--admin-port)");
        }
        log.info("admin_listening address={} port={}", bind, connector.getLocalPort());
        return new AdminServer(server, connector, registry);
    }

    private static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        registry.close();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("admin_stop_failed reason=\"{}\"", e.getMessage());
        }
    }
}
