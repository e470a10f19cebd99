package org.causerie.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The PROXY protocol header (HAProxy's spec, versions 1 and 2) that a load balancer sends before a
 * client's own bytes: who the client is. It is read byte by byte, exactly as long as the header, so
 * what follows (a TLS ClientHello, the client's first line) stays unread for the door. Anything that is
 * not a whole, well-formed header throws {@link Malformed} with a reason fit for the log.
 *
 * <p>Bounded: a v1 header is at most 107 bytes; a v2 header's declared length at most {@link #MAX_V2}.
 */
public final class ProxyHeader {
    /** The v2 signature: the first 12 bytes. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest v1 header, CRLF included (the spec's figure). */
    static final int MAX_V1 = 107;
    /** The most bytes a v2 header may declare after its fixed 16: addresses and TLVs of a real balancer fit. */
    static final int MAX_V2 = 1024;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern PORT = Pattern.compile("0|[1-9]\\d{0,4}");

    private ProxyHeader() {}

    /**
     * What a header said: the client's address and port, or {@code null} address for a connection the
     * balancer made itself (v2 LOCAL, v1 UNKNOWN: a health check), which then counts as the balancer.
     */
    public record Source(InetAddress address, int port) {
        static final Source LOCAL = new Source(null, 0);

        public boolean local() {
            return address == null;
        }
    }

    /** A header that is missing, cut short or not what the spec allows. */
    public static final class Malformed extends IOException {
        Malformed(String reason) {
            super(reason);
        }
    }

    /** Reads one header from {@code in}, not a byte more. */
    public static Source read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new Malformed("truncated: the connection ended before a PROXY header");
        }
        if (first == 'P') {
            return v1(in);
        }
        if (first == V2_SIGNATURE[0]) {
            return v2(in);
        }
        throw new Malformed("no PROXY header: the first byte is 0x" + Integer.toHexString(first));
    }

    private static Source v1(InputStream in) throws IOException {
        byte[] line = new byte[MAX_V1];
        line[0] = 'P';
        int length = 1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new Malformed("truncated: v1 header without its CRLF");
            }
            if (length == MAX_V1) {
                throw new Malformed("v1 header longer than " + MAX_V1 + " bytes");
            }
            line[length++] = (byte) b;
            if (b == '\n') {
                break;
            }
        }
        if (length < 2 || line[length - 2] != '\r') {
            throw new Malformed("v1 header ends in LF without CR");
        }
        String text = new String(line, 0, length - 2, StandardCharsets.US_ASCII);
        String[] parts = text.split(" ", -1);
        if (!parts[0].equals("PROXY") || parts.length < 2) {
            throw new Malformed("v1 header does not start with \"PROXY \"");
        }
        switch (parts[1]) {
            case "UNKNOWN" -> {
                return Source.LOCAL; // the rest, if any, is to be ignored (spec 2.1)
            }
            case "TCP4", "TCP6" -> {
                if (parts.length != 6) {
                    throw new Malformed("v1 " + parts[1] + " header has " + (parts.length - 2) + " fields, not 4");
                }
                InetAddress source = v1Address(parts[1], parts[2]);
                v1Address(parts[1], parts[3]);
                int port = v1Port(parts[4]);
                v1Port(parts[5]);
                return new Source(source, port);
            }
            default -> throw new Malformed("v1 header names no known protocol");
        }
    }

    private static InetAddress v1Address(String family, String text) throws Malformed {
        try {
            if (family.equals("TCP4") && IPV4.matcher(text).matches()) {
                return Inet4Address.ofLiteral(text);
            }
            if (family.equals("TCP6") && text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
                return Inet6Address.ofLiteral(text);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new Malformed("v1 " + family + " header with a bad address");
    }

    private static int v1Port(String text) throws Malformed {
        if (PORT.matcher(text).matches()) {
            int port = Integer.parseInt(text);
            if (port <= 65535) {
                return port;
            }
        }
        throw new Malformed("v1 header with a bad port");
    }

    private static Source v2(InputStream in) throws IOException {
        byte[] fixed = new byte[16];
        fixed[0] = V2_SIGNATURE[0];
        readFully(in, fixed, 1, 15);
        for (int i = 1; i < V2_SIGNATURE.length; i++) {
            if (fixed[i] != V2_SIGNATURE[i]) {
                throw new Malformed("v2 header with a bad signature");
            }
        }
        int versionCommand = fixed[12] & 0xff;
        if (versionCommand >> 4 != 2) {
            throw new Malformed("v2 header of version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0f;
        int family = (fixed[13] & 0xff) >> 4;
        int transport = fixed[13] & 0x0f;
        int length = ((fixed[14] & 0xff) << 8) | (fixed[15] & 0xff);
        if (command > 1) {
            throw new Malformed("v2 header with an unknown command");
        }
        if (length > MAX_V2) {
            throw new Malformed("v2 header declares " + length + " bytes, more than " + MAX_V2);
        }
        byte[] rest = new byte[length];
        readFully(in, rest, 0, length);
        if (command == 0) {
            return Source.LOCAL; // the balancer's own connection: its addresses, if any, are ignored
        }
        int size = switch (family) {
            case 1 -> 4;
            case 2 -> 16;
            case 0 -> 0; // UNSPEC: nothing known of the client
            default -> -1; // UNIX sockets: no address a per-address limit could count
        };
        if (size < 0 || transport > 2) {
            throw new Malformed("v2 header with an unsupported address family");
        }
        if (size == 0 || transport == 0) {
            return Source.LOCAL;
        }
        if (transport != 1) {
            throw new Malformed("v2 header for a datagram, not a stream");
        }
        if (length < 2 * size + 4) {
            throw new Malformed("v2 header too short for its addresses");
        }
        byte[] source = java.util.Arrays.copyOfRange(rest, 0, size);
        int port = ((rest[2 * size] & 0xff) << 8) | (rest[2 * size + 1] & 0xff);
        return new Source(InetAddress.getByAddress(source), port);
    }

    private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int read = in.read(into, offset + done, length - done);
            if (read < 0) {
                throw new Malformed("truncated: v2 header cut after " + (offset + done) + " bytes");
            }
            done += read;
        }
    }
}
