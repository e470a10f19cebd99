package org.causerie.admin;

import org.causerie.chat.Hub;
import org.causerie.net.Listener;
import org.causerie.store.Store;
import org.causerie.web.WebServer;

/**
 * What the admin port reads of a running server: the live figures behind its gauges, and the answers
 * to the readiness probe. {@code tls} and {@code web} are null when those doors are off.
 */
public record Probes(Hub hub, Store store, Listener line, Listener tls, WebServer web) {

    /** Connections now open through {@code door}: line, tls or websocket. */
    public int connections(String door) {
        return switch (door) {
            case "line" -> line.connections();
            case "tls" -> tls == null ? 0 : tls.connections();
            case "websocket" -> web == null ? 0 : web.connections();
            default -> throw new IllegalArgumentException(door);
        };
    }

    /** Null when the server is ready (the store answers, the doors accept), else what is wrong. */
    public String unready() {
        try {
            store.findAccount("readiness-probe");
        } catch (RuntimeException e) {
            return "the store does not answer: " + e.getMessage();
        }
        if (hub.draining()) { // a load balancer sends no one here any more
            return "the server is draining";
        }
        if (!line.accepting() || (tls != null && !tls.accepting())) {
            return "the line door does not accept";
        }
        return null;
    }
}
