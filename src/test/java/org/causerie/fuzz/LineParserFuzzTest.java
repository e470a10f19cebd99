package org.causerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.chat.ChatException;
import org.causerie.protocol.Input;
import org.causerie.protocol.LineParser;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards the door every client line passes: {@link LineParser#parse} refuses exactly the characters
 * docs/protocol.md lists (no more, no less), refuses them only with {@code bad-character} and the right
 * position, and classifies what it accepts as the grammar says (command names lower-cased).
 */
class LineParserFuzzTest {
    static final List<String> SEEDS = List.of("hello", "/JOIN #Room", "/msg bob  hi ", "//not a command", " fin ",
            "\t", "a\u202eb", "/\u0130stanbul", "/K\u212a", "x\u0085y", "\ud83d\udc69\u200d\ud83d\udcbb", "\ud800",
            "\u2028", "\u007f", "\u001b[2J");

    private static final Pattern REFUSAL = Pattern.compile(
            "the line has a control character \\(U\\+([0-9A-F]{4,6})\\) at position (\\d+); it was not sent");

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void parse(@NotNull String line) {
        check(line);
    }

    static void check(String line) {
        Input input;
        try {
            input = LineParser.parse(line);
        } catch (ChatException e) {
            assertThat(e.code()).isEqualTo("bad-character");
            checkRefusal(line, e.getMessage());
            return;
        }
        int bad = firstForbidden(line);
        if (bad >= 0) {
            fail("accepted a line with U+%04X at code point %d: %s", line.codePointAt(bad),
                    line.codePointCount(0, bad) + 1, Inputs.show(line));
        }
        checkClassified(line, input);
    }

    /** The refusal names the first forbidden character and its position in code points, from 1. */
    private static void checkRefusal(String line, String message) {
        int bad = firstForbidden(line);
        if (bad < 0) {
            fail("refused a line without a forbidden character: %s", Inputs.show(line));
        }
        Matcher m = REFUSAL.matcher(message);
        assertThat(m.matches()).as("refusal message: %s", message).isTrue();
        assertThat(Integer.parseInt(m.group(1), 16)).isEqualTo(line.codePointAt(bad));
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(line.codePointCount(0, bad) + 1);
    }

    private static void checkClassified(String line, Input input) {
        switch (input) {
            case Input.Blank _ -> assertThat(line.isBlank()).isTrue();
            case Input.Fin _ -> assertThat(line.strip()).isEqualTo("fin");
            case Input.Chat chat -> {
                assertThat(line.isBlank()).isFalse();
                assertThat(line.startsWith("/") && !line.startsWith("//")).isFalse();
                assertThat(chat.text()).isEqualTo(line.startsWith("//") ? line.substring(1) : line);
            }
            case Input.Command command -> {
                assertThat(line).startsWith("/").doesNotStartWith("//");
                String name = command.name();
                assertThat(name).doesNotContain(" ");
                assertThat(name).as("command names are lower case").isEqualTo(name.toLowerCase(Locale.ROOT));
                int space = line.indexOf(' ');
                String typed = space < 0 ? line.substring(1) : line.substring(1, space);
                assertThat(name).isEqualTo(typed.toLowerCase(Locale.ROOT));
                assertThat(command.rest()).isEqualTo(space < 0 ? "" : line.substring(space + 1));
            }
        }
    }

    /**
     * The index of the first character the protocol refuses, or -1. Written from the list in
     * docs/protocol.md with the JDK's character classes, independently of the parser.
     */
    static int firstForbidden(String line) {
        for (int i = 0; i < line.length(); i = line.offsetByCodePoints(i, 1)) {
            if (Inputs.isForbidden(line.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
