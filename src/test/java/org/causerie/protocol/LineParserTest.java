package org.causerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.causerie.chat.ChatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineParserTest {

    @ParameterizedTest(name = "[{0}] -> /{1} [{2}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /help                  | help  | ""
            /HELP                  | help  | ""
            /Join #Room            | join  | #Room
            /msg bob hello         | msg   | bob hello
            "/msg  bob   two  "    | msg   | " bob   two  "
            /calc 1 + 2            | calc  | 1 + 2
            /                      | ""    | ""
            "/ hello"              | ""    | hello
            "/quit "               | quit  | ""
            /a/b c                 | a/b   | c
            """)
    void commandsAreLowerCasedAndKeepTheRestVerbatim(String line, String name, String rest) {
        assertThat(LineParser.parse(line)).isEqualTo(new Input.Command(name, rest));
    }

    @ParameterizedTest(name = "[{0}] -> chat [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            hello                 | hello
            //text                | /text
            //                    | /
            ///x                  | //x
            " /help"              | " /help"
            fin!                  | fin!
            la fin                | la fin
            FIN                   | FIN
            "  indented  "        | "  indented  "
            """)
    void otherLinesAreChat(String line, String text) {
        assertThat(LineParser.parse(line)).isEqualTo(new Input.Chat(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fin", "  fin  ", "\tfin", "fin\t"})
    void finAloneEndsTheSession(String line) {
        assertThat(LineParser.parse(line)).isEqualTo(new Input.Fin());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", " \t "})
    void blankLinesAreBlank(String line) {
        assertThat(LineParser.parse(line)).isEqualTo(new Input.Blank());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("NUL", "a\u0000b", "U+0000", 2),
                Arguments.of("BEL", "\u0007", "U+0007", 1),
                Arguments.of("ANSI escape", "hi \u001b[31mred", "U+001B", 4),
                Arguments.of("CR in the middle", "one\rtwo", "U+000D", 4),
                Arguments.of("LF", "one\ntwo", "U+000A", 4),
                Arguments.of("unit separator", "x\u001f", "U+001F", 2),
                Arguments.of("DEL", "abc\u007f", "U+007F", 4),
                Arguments.of("C1 NEL", "\u0085next", "U+0085", 1),
                Arguments.of("C1 CSI", "a\u009b31m", "U+009B", 2),
                Arguments.of("C1 APC", "a\u009f", "U+009F", 2),
                Arguments.of("RLO", "user\u202egnp.exe", "U+202E", 5),
                Arguments.of("LRE", "\u202a", "U+202A", 1),
                Arguments.of("LRI", "ab\u2066c", "U+2066", 3),
                Arguments.of("PDI", "ab\u2069", "U+2069", 3),
                Arguments.of("LRM", "\u200eab", "U+200E", 1),
                Arguments.of("RLM", "ab\u200f", "U+200F", 3),
                Arguments.of("ALM", "a\u061cb", "U+061C", 2),
                Arguments.of("BOM", "\ufeffhello", "U+FEFF", 1),
                Arguments.of("line separator", "one\u2028two", "U+2028", 4),
                Arguments.of("paragraph separator", "one\u2029", "U+2029", 4),
                Arguments.of("control in a command", "/msg bob \u0007", "U+0007", 10),
                Arguments.of("control after //", "//\u001b", "U+001B", 3),
                Arguments.of("control in a blank line", "  \u0000", "U+0000", 3),
                Arguments.of("the first of two", "a\u0001\u0002", "U+0001", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void controlCharactersAreRefusedWithTheirPosition(String what, String line, String code, int position) {
        assertThatThrownBy(() -> LineParser.parse(line))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("bad-character"))
                .hasMessage("the line has a control character (%s) at position %d; it was not sent", code, position);
        assertThatThrownBy(() -> LineParser.checkCharacters(line)).isInstanceOf(ChatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "café é", "中文", "emoji 😀 👍🏽", "family 👨\u200d👩\u200d👧", "ünïcödé", "~!@#$%^&*()", "\u00a0nbsp",
            "ﬁ ligature"})
    void tabAndOrdinaryUnicodeAreAccepted(String line) {
        assertThatCode(() -> LineParser.checkCharacters(line)).doesNotThrowAnyException();
        assertThat(LineParser.parse(line)).isEqualTo(new Input.Chat(line));
    }

    @Test
    void thePositionCountsCharactersNotUtf16Units() {
        assertThatThrownBy(() -> LineParser.checkCharacters("😀\u0007"))
                .hasMessageContaining("at position 2;");
        assertThatThrownBy(() -> LineParser.checkCharacters("😀😀x\u001b"))
                .hasMessageContaining("at position 4;");
    }
}
