package org.causerie;

import java.time.Duration;

/**
 * Whether this server is a node of a cluster (docs/cluster.md): the nodes share one PostgreSQL store
 * and publish their events on one NATS server.
 *
 * @param url   the NATS server, {@code nats://host:4222}; null: no cluster, one node, no bus
 * @param node  this node's name on the bus, unique in the cluster (two nodes of one name would skip each
 *              other's events as their own echo); null: the host name and the port
 * @param check how often every open room is compared with the store, so that the last messages of a
 *              quiet room that the bus lost are fetched
 * @param lease how long a node's nickname claims outlast its last renewal: a node that dies frees its
 *              users' names after this, and it renews them three times per lease
 */
public record ClusterConfig(String url, String node, Duration check, Duration lease) {
    public static final ClusterConfig NONE = new ClusterConfig(null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));

    public ClusterConfig {
        if (url != null && !url.matches("(nats|tls)://[^/\\s]+")) {
            throw new IllegalArgumentException("--cluster is nats://HOST:PORT, like nats://127.0.0.1:4222, not " + url);
        }
        if (url == null && node != null) {
            throw new IllegalArgumentException("--node names a node of a cluster: give --cluster nats://HOST:PORT too");
        }
        if (node != null && !node.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("--node is 1 to 64 letters, digits and . _ : -, not " + node);
        }
        if (check.isNegative() || check.isZero()) {
            throw new IllegalArgumentException("the cluster's room check period is positive, not " + check);
        }
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("--cluster-lease is at least 0.3 s, not " + lease.toMillis() + " ms");
        }
    }

    public boolean enabled() {
        return url != null;
    }

    /** The node's name: as given, else the host name and {@code port}. */
    public String nodeName(int port) {
        if (node != null) {
            return node;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + (port != 0 ? Integer.toString(port) : "pid" + ProcessHandle.current().pid());
    }
}
