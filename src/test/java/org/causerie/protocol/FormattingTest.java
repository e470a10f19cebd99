package org.causerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IRC's formatting codes are kept in the text and removed for line and JSON readers. */
class FormattingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\u0002bold\u0002 plain|bold plain",
            // (the CSV reader trims a leading control character as if it were a space: a letter goes first)
            "a\u000304red\u0003 \u000304,05red on brown\u000f|ared red on brown",
            "a\u00034,5x|ax",
            "a\u0003123|a3", // two digits at most
            "a\u000312,|a,", // a comma with no digit after it stays
            "\u0011mono\u0016rev\u001dit\u001estrike\u001funder|monorevitstrikeunder",
            "no codes at all|no codes at all",
            "a\u00030x\u00039y|axy", // 0 and 9 are digits: both ends of the range
            "a\u000312|a", // the colour's digits end the text
            "a\u00031,|a,", // a comma ends the text: nothing after it to read
            "a\u00031,9x|ax",
            "a\u0003,5x|a,5x"}) // a comma right after 0x03 is text: no colour digits came before it
    void removesTheCodesAndAColoursDigits(String text, String stripped) {
        assertThat(Formatting.strip(text)).isEqualTo(stripped);
    }

    @Test
    void theSameStringWhenThereIsNothingToRemove() {
        String text = "plain text, é and 😀";
        assertThat(Formatting.strip(text)).isSameAs(text);
    }

    @Test
    void lineAndJsonReadersGetNoFormattingCode() {
        var message = new Envelope(new Event.Message(1, Instant.EPOCH, "#r", "ann", "\u0002hi\u0002 \u000304red", false));
        assertThat(new String(Format.TEXT.encode(message), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("#r <ann> hi red\n");
        assertThat(new String(Format.JSON.encode(message), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"text\":\"hi red\"").doesNotContain("\\u0002", "\\u0003");
    }
}
