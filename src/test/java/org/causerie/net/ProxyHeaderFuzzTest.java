package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the PROXY header parser, which reads the first bytes of every connection from a load balancer:
 * whatever bytes come, it returns a source or throws {@link ProxyHeader.Malformed} and nothing else, never
 * reads past the header (what follows belongs to the door), never more than a v1 or a bounded v2 header,
 * and a source it returns is one the header's text or bytes really named.
 */
public class ProxyHeaderFuzzTest {
    private static final HexFormat HEX = HexFormat.of();
    /** v1 and v2 headers, good and bad: TCP4, TCP6, UNKNOWN, LOCAL, a TLV, cut ones, wrong versions. */
    public static final List<byte[]> SEEDS = List.of(
            ascii("PROXY TCP4 192.0.2.1 192.0.2.2 5000 7777\r\nhello\n"),
            ascii("PROXY TCP6 2001:db8::1 2001:db8::2 5000 6667\r\nNICK a\r\n"),
            ascii("PROXY UNKNOWN\r\n"),
            ascii("PROXY TCP4 256.0.0.1 1.2.3.4 1 2\r\n"),
            ascii("PROXY TCP4 1.2.3.4 1.2.3.4 65536 2\r\n"),
            ascii("PROXY TCP4 1.2.3.4 1.2.3.4 1 2\n"),
            ascii("PROXY TCP4 1.2.3.4"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "2111000c" + "c0000201c0000202138815b3" + "ff"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "21210024" + "20010db8000000000000000000000001"
                    + "20010db8000000000000000000000002" + "13881a0b"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "20000000"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "2111001300" + "c0000201c0000202138815b3" + "04000474657374"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "1111000c" + "c0000201c0000202138815b3"),
            HEX.parseHex("0d0a0d0a000d0a515549540a" + "2111ffff"),
            HEX.parseHex("0d0a0d0a000d0a5155"));

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void read(byte @NotNull [] bytes) throws IOException {
        check(bytes);
    }

    @Test
    void seeds() throws IOException {
        for (byte[] seed : SEEDS) {
            check(seed);
        }
    }

    @Test
    void whatTheSeedsName() throws IOException {
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(0))).address().getHostAddress())
                .isEqualTo("192.0.2.1");
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(1))).port()).isEqualTo(5000);
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(2))).local()).isTrue();
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(7))).port()).isEqualTo(5000);
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(8))).address().getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(ProxyHeader.read(new ByteArrayInputStream(SEEDS.get(9))).local()).isTrue();
        for (int bad : new int[] {3, 4, 5, 6, 11, 12, 13}) {
            assertThat(refused(SEEDS.get(bad))).as("seed %d", bad).isTrue();
        }
    }

    private static boolean refused(byte[] bytes) throws IOException {
        try {
            ProxyHeader.read(new ByteArrayInputStream(bytes));
            return false;
        } catch (ProxyHeader.Malformed e) {
            return true;
        }
    }

    /** Parses {@code bytes}; checks what was taken and what was returned against the spec's rules. */
    public static void check(byte[] bytes) throws IOException {
        var in = new ByteArrayInputStream(bytes);
        ProxyHeader.Source source;
        try {
            source = ProxyHeader.read(in);
        } catch (ProxyHeader.Malformed e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        int taken = bytes.length - in.available();
        if (bytes[0] == 'P') {
            assertThat(taken).isLessThanOrEqualTo(ProxyHeader.MAX_V1);
            assertThat(bytes[taken - 2]).isEqualTo((byte) '\r');
            assertThat(bytes[taken - 1]).as("v1 stops at its LF, not a byte further").isEqualTo((byte) '\n');
            String line = new String(bytes, 0, taken - 2, StandardCharsets.US_ASCII);
            if (source.local()) {
                assertThat(line).startsWith("PROXY UNKNOWN");
            } else {
                String[] parts = line.split(" ");
                assertThat(parts[1]).isIn("TCP4", "TCP6");
                assertThat(source.address()).isEqualTo(java.net.InetAddress.ofLiteral(parts[2]));
                assertThat(source.port()).isEqualTo(Integer.parseInt(parts[4])).isBetween(0, 65535);
            }
        } else {
            assertThat(Arrays.copyOf(bytes, 12)).isEqualTo(ProxyHeader.V2_SIGNATURE);
            int length = ((bytes[14] & 0xff) << 8) | (bytes[15] & 0xff);
            assertThat(length).isLessThanOrEqualTo(ProxyHeader.MAX_V2);
            assertThat(taken).as("v2 takes its 16 bytes and its declared length").isEqualTo(16 + length);
            if (!source.local()) {
                int size = source.address().getAddress().length;
                byte[] named = Arrays.copyOfRange(bytes, 16, 16 + ((bytes[13] & 0xf0) == 0x10 ? 4 : 16));
                assertThat(bytes[12] & 0x0f).as("only a PROXY command names a client").isEqualTo(1);
                if (size == 4 && named.length == 16) { // an IPv4-mapped IPv6 address comes back as IPv4
                    named = Arrays.copyOfRange(named, 12, 16);
                }
                assertThat(source.address().getAddress()).isEqualTo(named);
            }
        }
    }
}
