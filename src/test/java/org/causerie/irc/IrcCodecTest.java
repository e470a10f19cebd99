package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.protocol.Format;
import org.junit.jupiter.api.Test;

/** A broadcast is encoded once per codec variant; what names its recipient is encoded for each. */
class IrcCodecTest {
    private static final Event.Message MESSAGE = new Event.Message(3, Instant.parse("2026-01-02T03:04:05Z"), "#tea",
            "ann", "hi", false);

    private static IrcCodec codec(int caps, String me) {
        return new IrcCodec(caps, "irc.test", () -> me, new IrcVariant.Who() {
            public boolean account(String nick) {
                return nick.equals("ann");
            }

            public String realName(String nick) {
                return nick;
            }
        });
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void readersOfOneVariantShareTheSameBytes() {
        var envelope = new Envelope(MESSAGE);
        byte[] bob = codec(0, "bob").encode(envelope);
        byte[] carl = codec(Cap.ECHO_MESSAGE.bit() | Cap.MULTI_PREFIX.bit(), "carl").encode(envelope);
        assertThat(carl).isSameAs(bob); // capabilities that change no byte share the variant
        assertThat(text(bob)).isEqualTo(":ann!ann@causerie/user/ann PRIVMSG #tea :hi\r\n");
    }

    @Test
    void eachVariantHasItsOwnBytesAndTheLineFormatsTheirs() {
        var envelope = new Envelope(MESSAGE);
        byte[] plain = codec(0, "bob").encode(envelope);
        byte[] timed = codec(Cap.SERVER_TIME.bit(), "bob").encode(envelope);
        byte[] all = codec(Cap.VARIANT_BITS, "bob").encode(envelope);
        byte[] lineText = Format.TEXT.encode(envelope);
        byte[] json = Format.JSON.encode(envelope);
        assertThat(text(timed)).isEqualTo("@time=2026-01-02T03:04:05.000Z :ann!ann@causerie/user/ann PRIVMSG #tea :hi\r\n");
        assertThat(text(all)).isEqualTo(
                "@time=2026-01-02T03:04:05.000Z;msgid=#tea/3;account=ann :ann!ann@causerie/user/ann PRIVMSG #tea :hi\r\n");
        assertThat(text(lineText)).isEqualTo("#tea <ann> hi\n");
        assertThat(text(json)).startsWith("{\"type\":\"message\"");
        assertThat(codec(0, "x").encode(envelope)).isSameAs(plain);
        assertThat(codec(Cap.SERVER_TIME.bit(), "x").encode(envelope)).isSameAs(timed);
        assertThat(Format.TEXT.encode(envelope)).isSameAs(lineText);
        assertThat(Format.JSON.encode(envelope)).isSameAs(json);
    }

    @Test
    void whatNamesItsRecipientIsWrittenForEach() {
        var envelope = new Envelope(new Event.Reply("x", "two\nlines"));
        assertThat(text(codec(0, "bob").encode(envelope)))
                .isEqualTo(":irc.test NOTICE bob :two\r\n:irc.test NOTICE bob :lines\r\n");
        assertThat(text(codec(0, "carl").encode(envelope)))
                .isEqualTo(":irc.test NOTICE carl :two\r\n:irc.test NOTICE carl :lines\r\n");
    }
}
