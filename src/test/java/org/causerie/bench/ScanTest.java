package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanTest {

    @Test
    void findsTheFirstOfEitherByteWhereverItIs() {
        byte[] line = "{\"type\":\"message\",\"text\":\"%0001:2:xx\"}\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Scan.indexOfEither(line, 0, line.length, (byte) '\n', (byte) '%')).isEqualTo(26);
        assertThat(Scan.indexOfEither(line, 27, line.length, (byte) '\n', (byte) '%')).isEqualTo(line.length - 1);
        assertThat(Scan.indexOfEither(line, 0, 26, (byte) '\n', (byte) '%')).isEqualTo(-1);
    }

    @Test
    void agreesWithAPlainLoopOnRandomBytes() {
        var random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            var bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) { // few hits, and bytes near them (0x0a±1, 0x25±1, 0x80+)
                bytes[i] = (byte) switch (random.nextInt(8)) {
                    case 0 -> '\n';
                    case 1 -> '%';
                    case 2 -> 0x0b;
                    case 3 -> 0xa5;
                    default -> random.nextInt(256);
                };
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = -1;
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '%') {
                    expected = i;
                    break;
                }
            }
            assertThat(Scan.indexOfEither(bytes, from, bytes.length, (byte) '\n', (byte) '%')).isEqualTo(expected);
            int newline = -1;
            for (int i = from; i < bytes.length && newline < 0; i++) {
                newline = bytes[i] == '\n' ? i : -1;
            }
            assertThat(Scan.indexOf(bytes, from, bytes.length, (byte) '\n')).isEqualTo(newline);
        }
    }
}
