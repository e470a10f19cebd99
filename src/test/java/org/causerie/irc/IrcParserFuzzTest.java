package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.causerie.event.Event;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Guards the IRC door's parser and its writer. Any line parses without throwing, into a command in upper
 * case with at most 15 parameters, of which only the last may hold a space; a command the server could
 * write comes back the same after writing and parsing. Any text a user sends is written to IRC readers
 * as whole lines of at most 512 bytes (tags aside), CRLF only at their ends, cut between characters,
 * and nothing lost. {@code AllTargetsFuzzTest} fuzzes this with the others.
 */
public class IrcParserFuzzTest {
    public static final List<Arguments> SEEDS = List.of(
            Arguments.of("PRIVMSG #room :hello there", "hello"),
            Arguments.of("@time=2025-01-01T00:00:00.000Z;+x=a\\sb :nick!u@h JOIN #a,#b key1,key2", "é😀".repeat(200)),
            Arguments.of("CAP REQ :server-time  -echo-message", "\u0001ACTION waves\u0001"),
            Arguments.of("a b c d e f g h i j k l m n o p q r :s t", "\u0002bold\u000304,05red\u000f"),
            Arguments.of("@", "\r\n\0"),
            Arguments.of(":only-source", "\ud800x"),
            Arguments.of("   ", ""));

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void fuzz(@NotNull String line, @NotNull String text) {
        check(line, text);
    }

    public static void check(String line, String text) {
        parse(line);
        write(text);
    }

    private static void parse(String line) {
        Object parsed = IrcMessage.parse(line);
        if (!(parsed instanceof IrcMessage message)) {
            assertThat(parsed == null || parsed instanceof IrcMessage.Refusal).isTrue();
            return;
        }
        assertThat(message.command()).isNotEmpty().doesNotContain(" ")
                .isEqualTo(message.command().toUpperCase(Locale.ROOT));
        assertThat(message.params()).hasSizeLessThanOrEqualTo(IrcMessage.MAX_PARAMS);
        for (int i = 0; i < message.params().size() - 1; i++) {
            assertThat(message.param(i)).isNotEmpty().doesNotContain(" ").doesNotStartWith(":");
        }
        boolean writable = message.command().matches("[A-Z0-9]+")
                && message.params().stream().noneMatch(p -> p.contains("\r") || p.contains("\n") || p.contains("\0"));
        if (writable) {
            Object again = IrcMessage.parse(IrcLine.of(null, "server", message.command(), message.params(), true));
            assertThat(again).isInstanceOf(IrcMessage.class);
            assertThat(((IrcMessage) again).command()).isEqualTo(message.command());
            assertThat(((IrcMessage) again).params()).isEqualTo(message.params());
        }
    }

    private static void write(String text) {
        String sent = text.replace('\r', ' ').replace('\n', ' ').replace('\0', ' '); // no line can hold these
        for (boolean action : new boolean[] {false, true}) {
            var event = new Event.Message(7, Instant.EPOCH, "#room", "someone-with-a-long-nick", sent, action);
            byte[] bytes = IrcVariant.of(Cap.VARIANT_BITS).encode(event, new IrcVariant.Who() {
                @Override
                public boolean account(String nick) {
                    return true;
                }

                @Override
                public String realName(String nick) {
                    return nick;
                }
            });
            String out = new String(bytes, StandardCharsets.UTF_8);
            assertThat(out).endsWith("\r\n");
            var received = new StringBuilder();
            for (String written : out.substring(0, out.length() - 2).split("\r\n", -1)) {
                assertThat(written).doesNotContain("\r", "\n", "\0");
                String withoutTags = written.substring(written.indexOf(' ') + 1);
                assertThat((withoutTags + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
                IrcMessage parsed = (IrcMessage) IrcMessage.parse(written);
                assertThat(parsed.command()).isEqualTo("PRIVMSG");
                String body = parsed.param(1);
                if (action) {
                    assertThat(body).startsWith(Texts.ACTION_OPEN).endsWith(Texts.CTCP);
                    body = body.substring(Texts.ACTION_OPEN.length(), body.length() - 1);
                }
                received.append(body);
            }
            assertThat(received.toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(sent.getBytes(StandardCharsets.UTF_8));
        }
    }
}
