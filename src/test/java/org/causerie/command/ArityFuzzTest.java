package org.causerie.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.causerie.calc.Calculator;
import org.causerie.fuzz.Inputs;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards the argument splitting every command goes through: for the usage of each command in the real
 * table and any text, {@link Arity#split} returns null or words that fit the usage (their count within
 * it, none empty, none with a space), a rest only where the usage has one, and it refuses exactly the
 * texts that have too few or too many words.
 */
public class ArityFuzzTest {
    private static final List<CommandSpec> SPECS = Commands.standard(new Calculator()).all();

    /** Texts for a few commands of the table; the number picks the command (modulo the table's size). */
    public static final List<Arguments> SEEDS = List.of(Arguments.of((byte) 0, ""), Arguments.of((byte) 1, "json"),
            Arguments.of((byte) 2, " see  you "), Arguments.of((byte) 3, "#room"),
            Arguments.of((byte) 4, "#room  leaving now"), Arguments.of((byte) 8, "#room a new topic"),
            Arguments.of((byte) 9, "bob hi  there"), Arguments.of((byte) 13, "alice password1"),
            Arguments.of((byte) 16, "#general before 10 5"), Arguments.of((byte) 17, "\t2^10 \u2003"));

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void split(byte command, @NotNull String text) {
        check(command, text);
    }

    /** Splits {@code text} by the usage of the command {@code command} picks, and checks the words. */
    public static void check(byte command, String text) {
        CommandSpec spec = SPECS.get(Math.floorMod(command, SPECS.size()));
        Arity arity = spec.arity();
        Args args = arity.split(text);
        List<String> words = words(text);
        int slots = arity.required() + arity.optional();
        boolean fits = words.size() >= arity.required()
                && switch (arity.rest()) {
                    case NONE -> words.size() <= slots;
                    case OPTIONAL -> true;
                    case REQUIRED -> words.size() > slots;
                };
        Supplier<String> what = () -> spec.usage() + " with " + Inputs.show(text);
        if (!fits) {
            assertThat(args).as(what).isNull();
            return;
        }
        assertThat(args).as(what).isNotNull();
        assertThat(args.words().size()).as(what).isBetween(arity.required(), slots);
        for (String word : args.words()) {
            assertThat(word).as(what).isNotEmpty().doesNotContain(" ");
        }
        assertThat(args.words()).as(what).isEqualTo(words.subList(0, Math.min(slots, words.size())));
        switch (arity.rest()) {
            case NONE -> assertThat(args.rest()).as(what).isEmpty();
            case REQUIRED -> assertThat(args.rest()).as(what).isNotEmpty();
            case OPTIONAL -> { }
        }
        if (!args.rest().isEmpty()) {
            assertThat(args.words()).as(() -> "the rest comes after every word: " + what.get()).hasSize(slots);
            assertThat(args.rest()).as(what).isEqualTo(args.rest().strip());
            assertThat(text).as(what).contains(args.rest());
        }
    }

    /**
     * The words of {@code text} as docs/protocol.md defines them: separated by one or more spaces,
     * with whitespace at either end of the line, or around a separator, not part of a word.
     */
    private static List<String> words(String text) {
        var words = new ArrayList<String>();
        int i = 0;
        String line = text.strip();
        while (i < line.length()) {
            int end = line.indexOf(' ', i);
            if (end < 0) {
                end = line.length();
            }
            words.add(line.substring(i, end));
            i = end;
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
        }
        return words;
    }
}
