package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void aPayloadCarriesItsStampAndSenderAndHasTheSizeAsked() {
        byte[] payload = Payload.of(0x1a2b3c4dL, 17, 100);
        String text = new String(payload, StandardCharsets.US_ASCII);
        assertThat(payload).hasSize(100);
        assertThat(text).startsWith("%000000001a2b3c4d:17:x").endsWith("xxx");
        assertThat(Payload.find(payload, 0, payload.length)).isZero();
        assertThat(Payload.stampAt(payload, 0, payload.length)).isEqualTo(0x1a2b3c4dL);
        assertThat(Payload.sender(payload, 0, payload.length)).isEqualTo(17);
    }

    @Test
    void itIsFoundInsideTheLinesOfEachProtocol() {
        String payload = new String(Payload.of(123_456_789L, 4, 40), StandardCharsets.US_ASCII);
        for (String line : new String[] {
            "{\"type\":\"message\",\"id\":7,\"ts\":\"2026-11-21T17:51:13.939Z\",\"room\":\"#bench\",\"from\":\"ab3\",\"text\":\""
                    + payload + "\"}",
            ":ab3!~ab3@127.0.0.1 PRIVMSG #bench :" + payload,
            payload}) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            int at = Payload.find(bytes, 0, bytes.length);
            assertThat(at).as(line).isEqualTo(line.indexOf('%'));
            assertThat(Payload.stampAt(bytes, at, bytes.length)).isEqualTo(123_456_789L);
            assertThat(Payload.sender(bytes, at, bytes.length)).isEqualTo(4);
        }
    }

    @Test
    void aPercentSignThatStartsNoPayloadIsNotOne() {
        for (String line : new String[] {
            ":irc.local 005 ab1 PREFIX=(qaohv)~&@%+ STATUSMSG=~&@%+ :are supported by this server",
            "{\"type\":\"reply\",\"text\":\"100%\"}",
            "%0000000000000zz0:1:xx",
            "%00000000000000:1"}) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(Payload.find(bytes, 0, bytes.length)).as(line).isEqualTo(-1);
        }
        byte[] noSender = "%0000000000000001:x1:".getBytes(StandardCharsets.US_ASCII);
        assertThat(Payload.sender(noSender, 0, noSender.length)).isEqualTo(-1);
    }

    @Test
    void aMessageTooShortForItsHeaderIsRefused() {
        assertThatThrownBy(() -> Payload.of(1, 1, Payload.MIN_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eightHexDigitsAtATimeAgreeWithOneAtATime() {
        var random = new java.util.Random(7);
        byte[] alphabet = "0123456789abcdef/:`gAF\u0080\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        var word = new byte[8];
        for (int round = 0; round < 200_000; round++) {
            int odd = random.nextInt(4) == 0 ? random.nextInt(8) : -1; // most words valid, some with one bad byte
            for (int i = 0; i < 8; i++) {
                word[i] = i == odd ? (byte) random.nextInt(256) : alphabet[random.nextInt(16)];
            }
            long expected = 0;
            for (byte b : word) {
                int digit = Character.digit(b & 0xff, 16);
                if (digit < 0 || (b >= 'A' && b <= 'F')) {
                    expected = -1;
                    break;
                }
                expected = expected << 4 | digit;
            }
            long packed = java.nio.ByteBuffer.wrap(word).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(Payload.hex8(packed)).as(new String(word, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        }
        for (long stamp : new long[] {0, 0x0123456789abcdefL, 0x7fffffff00000001L, 0xfedcba98L << 8}) {
            byte[] payload = Payload.of(stamp, 3, 40);
            assertThat(Payload.stampAt(payload, 0, payload.length)).as("%x", stamp).isEqualTo(stamp);
        }
        for (char bad : new char[] {'/', ':', '`', 'g', 'A', 'F', ' ', '\u0080'}) {
            for (int at = 1; at <= 16; at += 5) { // in the first eight digits and in the last eight
                var line = "%0000000000000000:1:xx".getBytes(StandardCharsets.ISO_8859_1);
                line[at] = (byte) bad;
                assertThat(Payload.stampAt(line, 0, line.length)).as("%c at %d", bad, at).isEqualTo(-1);
            }
        }
    }
}
