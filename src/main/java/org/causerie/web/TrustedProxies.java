package org.causerie.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causerie.chat.Network;

/**
 * The real client of a request: the TCP peer, unless the peer is a proxy the operator trusts
 * ({@code --trusted-proxy CIDR}); then the address that proxy put in {@code Forwarded} or
 * {@code X-Forwarded-For}. The chain is read from the right (the hop nearest to us) and the first address
 * that is not a trusted proxy is the client: what a client writes in those headers itself stands left of
 * what its proxies appended and is never believed. With no trusted proxy (the default) the headers are
 * ignored.
 */
final class TrustedProxies {
    private final List<Network> networks = new ArrayList<>();

    TrustedProxies(List<String> cidrs) {
        for (String cidr : cidrs) {
            try {
                networks.add(Network.cidr(cidr));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--trusted-proxy takes a network (CIDR, like 10.0.0.0/8), not " + cidr, e);
            }
        }
    }

    boolean trusts(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /** The client of a request from {@code peer} that carried these headers (each may be null). */
    InetAddress client(InetAddress peer, String forwarded, String forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = forwarded != null ? forwardedFor(forwarded) : split(forwardedFor);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client; // an unknown or obfuscated hop: nothing left of it can be believed
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static List<String> split(String header) {
        var hops = new ArrayList<String>();
        if (header != null) {
            for (String part : header.split(",")) {
                hops.add(part.trim());
            }
        }
        return hops;
    }

    /** The {@code for=} values of an RFC 7239 header, in order. */
    private static List<String> forwardedFor(String header) {
        var hops = new ArrayList<String>();
        for (String element : header.split(",")) {
            String found = "";
            for (String pair : element.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
                    found = kv[1].trim();
                }
            }
            hops.add(found);
        }
        return hops;
    }

    /** An IP literal, from {@code 1.2.3.4}, {@code "[2001:db8::1]:4711"} or {@code 1.2.3.4:80}; else null. */
    static InetAddress literal(String value) {
        String v = value.replace("\"", "").trim();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            v = end < 0 ? "" : v.substring(1, end);
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            v = v.substring(0, v.indexOf(':')); // IPv4 with a port
        }
        if (v.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
