package org.causerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.math.BigDecimal;
import java.util.List;
import org.causerie.calc.CalcException;
import org.causerie.calc.Calculator;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards {@code /calc}, which evaluates what any user types: {@link Calculator#evaluate} throws nothing
 * but {@link CalcException} (anything else would be a bug the dispatcher has to catch), answers every
 * input quickly (its limits bound the work of hostile input), and answers a plain decimal number.
 */
class CalculatorFuzzTest {
    /** Slower than this is reported on stderr: the limits should keep every input far below it. */
    private static final long REPORT_NANOS = 200_000_000L;
    /** Slower than this fails: one line must not cost a shared server a second of CPU. */
    private static final long FAIL_NANOS = 1_000_000_000L;

    private static final Calculator CALCULATOR = new Calculator();

    static final List<String> SEEDS = List.of("2+3*4", "-2^2", "2^-1", "10/4", "1/3", "sqrt(2)", "round(2.5)",
            "round(1/3, 100)", "max(1, 2, 3)", "0.1^999", "0.5^-3000", "9^9^9", "((((1))))", "1e5",
            "12345678901234567890.5 % 7", "abs(-0.0)", "2^0.5", "-(-(-1))", "1/0",
            "2^0.5*2^0.5", "1/7*7", "2^3000.5", "0.5^-3000.5", "(10^999-1)^0.999", "1.0001^99999.5",
            "(1/3)^99999.5", "0.1^999.5");

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void evaluate(@NotNull String expression) {
        check(expression);
    }

    static void check(String expression) {
        long nanos = System.nanoTime();
        String result = evaluateOrNull(expression);
        nanos = System.nanoTime() - nanos;
        if (nanos > FAIL_NANOS) {
            // A cold start (class loading, instrumentation), a collection or a busy machine is slow once;
            // an expensive input is slow every time.
            nanos = System.nanoTime();
            evaluateOrNull(expression);
            nanos = System.nanoTime() - nanos;
            if (nanos > FAIL_NANOS) {
                fail("%s took %d ms twice", Inputs.show(expression), nanos / 1_000_000);
            }
        }
        if (nanos > REPORT_NANOS) {
            System.err.printf("calc_slow ms=%d input=%s%n", nanos / 1_000_000, Inputs.show(expression));
        }
        if (result != null) {
            assertThat(result).as(() -> "result of " + Inputs.show(expression)).doesNotContainIgnoringCase("e");
            BigDecimal value = new BigDecimal(result);
            assertThat(value.toPlainString()).isEqualTo(result);
            assertThat(value.stripTrailingZeros().toPlainString()).as("no trailing zeros").isEqualTo(result);
        }
    }

    /** The result, or null for an input refused with a message; nothing else may come out. */
    private static String evaluateOrNull(String expression) {
        try {
            return CALCULATOR.evaluate(expression);
        } catch (CalcException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }
}
