package org.causerie.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.causerie.command.Arity.Rest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArityTest {

    @ParameterizedTest(name = "[{0}] -> {1} required, {2} optional, rest {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            ""                   ; 0 ; 0 ; NONE
            "   "                ; 0 ; 0 ; NONE
            NAME                 ; 1 ; 0 ; NONE
            [ROOM]               ; 0 ; 1 ; NONE
            text|json            ; 1 ; 0 ; NONE
            NICK TEXT...         ; 1 ; 0 ; REQUIRED
            ROOM [TEXT...]       ; 1 ; 0 ; OPTIONAL
            [ROOM] [REASON...]   ; 0 ; 1 ; OPTIONAL
            EXPR...              ; 0 ; 0 ; REQUIRED
            [REASON...]          ; 0 ; 0 ; OPTIONAL
            "A  B   [C]"         ; 2 ; 1 ; NONE
            """)
    void readsTheUsage(String params, int required, int optional, Rest rest) {
        assertThat(Arity.of(params)).isEqualTo(new Arity(required, optional, rest));
    }

    @Test
    void noParametersTakeNothing() {
        Arity none = Arity.of("");
        assertThat(none.split("")).isEqualTo(new Args(List.of(), ""));
        assertThat(none.split("   ")).isEqualTo(new Args(List.of(), ""));
        assertThat(none.split("x")).isNull();
    }

    @Test
    void aRequiredWord() {
        Arity name = Arity.of("NAME");
        assertThat(name.split("bob")).isEqualTo(new Args(List.of("bob"), ""));
        assertThat(name.split("   bob  ")).isEqualTo(new Args(List.of("bob"), ""));
        assertThat(name.split("")).isNull();
        assertThat(name.split("  ")).isNull();
        assertThat(name.split("bob alice")).isNull();
    }

    @Test
    void anOptionalWord() {
        Arity room = Arity.of("[ROOM]");
        assertThat(room.split("")).isEqualTo(new Args(List.of(), ""));
        assertThat(room.split("#a")).isEqualTo(new Args(List.of("#a"), ""));
        assertThat(room.split("#a").optional(0)).isEqualTo("#a");
        assertThat(room.split("").optional(0)).isNull();
        assertThat(room.split("#a #b")).isNull();
    }

    @Test
    void aWordThenARequiredRest() {
        Arity msg = Arity.of("NICK TEXT...");
        assertThat(msg.split("bob hello")).isEqualTo(new Args(List.of("bob"), "hello"));
        assertThat(msg.split("bob    hello   big    world"))
                .isEqualTo(new Args(List.of("bob"), "hello   big    world"));
        assertThat(msg.split("   bob hi")).isEqualTo(new Args(List.of("bob"), "hi"));
        assertThat(msg.split("bob")).isNull();
        assertThat(msg.split("bob   ")).isNull();
        assertThat(msg.split("")).isNull();
    }

    @Test
    void theRestIsStrippedAtItsEdgesOnly() {
        Args args = Arity.of("TEXT...").split("   a  b \t c   ");
        assertThat(args).isEqualTo(new Args(List.of(), "a  b \t c"));
    }

    @Test
    void aWordThenAnOptionalRest() {
        Arity topic = Arity.of("ROOM [TEXT...]");
        assertThat(topic.split("#a")).isEqualTo(new Args(List.of("#a"), ""));
        assertThat(topic.split("#a new  topic")).isEqualTo(new Args(List.of("#a"), "new  topic"));
        assertThat(topic.split("")).isNull();
    }

    @Test
    void anOptionalWordThenAnOptionalRest() {
        Arity part = Arity.of("[ROOM] [REASON...]");
        assertThat(part.split("")).isEqualTo(new Args(List.of(), ""));
        assertThat(part.split("#a")).isEqualTo(new Args(List.of("#a"), ""));
        assertThat(part.split("#a see  you")).isEqualTo(new Args(List.of("#a"), "see  you"));
        assertThat(part.split("see you")).isEqualTo(new Args(List.of("see"), "you"));
    }

    @Test
    void onlyARequiredRest() {
        Arity expr = Arity.of("EXPR...");
        assertThat(expr.split("1 +  2")).isEqualTo(new Args(List.of(), "1 +  2"));
        assertThat(expr.split("")).isNull();
        assertThat(expr.split("   ")).isNull();
    }

    @Test
    void twoRequiredWordsAndAnOptional() {
        Arity arity = Arity.of("A B [C]");
        assertThat(arity.split("x  y")).isEqualTo(new Args(List.of("x", "y"), ""));
        assertThat(arity.split(" x y   z ")).isEqualTo(new Args(List.of("x", "y", "z"), ""));
        assertThat(arity.split("x")).isNull();
        assertThat(arity.split("x y z w")).isNull();
    }
}
