package org.causerie.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers a client may use, in the order to try them: {@code --host} given several times, or with
 * commas ({@code --host a,b:7001,[::1]:7002}). A host without a port takes the default port. A client
 * connects to the first that answers; when its connection is lost, or the server asks it to go
 * elsewhere ({@code /drain}), it tries the next one, then the others in turn.
 */
public record Hosts(List<Address> addresses) {

    public Hosts {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        addresses = List.copyOf(addresses);
    }

    public static Hosts of(Address address) {
        return new Hosts(List.of(address));
    }

    /** Parses each of {@code values} as a comma-separated list of {@code HOST}, {@code HOST:PORT} or {@code [V6]:PORT}. */
    public static Hosts parse(List<String> values, int defaultPort) {
        var addresses = new ArrayList<Address>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                addresses.add(address(item.strip(), defaultPort));
            }
        }
        return new Hosts(addresses);
    }

    private static Address address(String item, int defaultPort) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("an empty host in --host");
        }
        if (item.startsWith("[")) { // [2001:db8::1] or [2001:db8::1]:7777
            int close = item.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("a [ without ] in --host " + item);
            }
            String rest = item.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("--host " + item + ": expected [ADDRESS]:PORT");
            }
            return new Address(item.substring(1, close), rest.isEmpty() ? defaultPort : port(item, rest.substring(1)));
        }
        int colon = item.lastIndexOf(':');
        if (colon < 0 || item.indexOf(':') != colon) { // no port, or a bare IPv6 address
            return new Address(item, defaultPort);
        }
        return new Address(item.substring(0, colon), port(item, item.substring(colon + 1)));
    }

    private static int port(String item, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--host " + item + ": the port must be a number");
        }
    }

    public Address first() {
        return addresses.getFirst();
    }

    public int size() {
        return addresses.size();
    }

    /** The address at {@code index}, counted round the list. */
    public Address get(int index) {
        return addresses.get(Math.floorMod(index, addresses.size()));
    }

    @Override
    public String toString() {
        return String.join(",", addresses.stream().map(Address::toString).toList());
    }
}
