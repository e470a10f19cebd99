package org.causerie.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CalculatorTest {

    /** Shared like the server shares it: nothing may depend on per-call state. */
    private static final Calculator CALC = new Calculator();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 + 2              | 3
            7 - 10             | -3
            6 * 7              | 42
            10 / 4             | 2.5
            7 % 3              | 1
            -7 % 3             | -1
            7 % -3             | 1
            5.5 % 2            | 1.5
            2 ^ 10             | 1024
            1 + 2 * 3          | 7
            (1 + 2) * 3        | 9
            10 - 4 - 3         | 3
            100 / 10 / 5       | 2
            2 * 3 % 4          | 2
            2^3^2              | 512
            (2^3)^2            | 64
            -2^2               | -4
            (-2)^2             | 4
            2^-1               | 0.5
            -2^-2              | -0.25
            2 * -3             | -6
            2 - -3             | 5
            +3                 | 3
            --3                | 3
            -(1 + 2)           | -3
            3.25               | 3.25
            .5                 | 0.5
            5.                 | 5
            007                | 7
            0.1 + 0.2          | 0.3
            1 / 3              | 0.3333333333333333333333333333333333
            2 / 3              | 0.6666666666666666666666666666666667
            2^-2               | 0.25
            3^-1               | 0.3333333333333333333333333333333333
            0.5^-2             | 4
            2.50 * 2           | 5
            """)
    void evaluatesOperatorsWithPrecedence(String expression, String expected) throws CalcException {
        assertThat(CALC.evaluate(expression)).isEqualTo(expected);
    }

    @Test
    void allowsWhitespaceAnywhereBetweenTokens() throws CalcException {
        assertThat(CALC.evaluate(" \t( 1\n+ 2 ) *\r\nmax ( 1 , 2 ) ^ - 1 ")).isEqualTo("1.5");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -0                 | 0
            -0.0               | 0
            0 * -1             | 0
            1 - 1.00           | 0
            10^3               | 1000
            0^0                | 1
            (-1)^99999         | -1
            1^100000           | 1
            (-2)^3             | -8
            (-2)^-3            | -0.125
            0.1^3              | 0.001
            2^0.5              | 1.414213562373095048801688724209698
            4^0.5              | 2
            8^(1/3)            | 2
            0^0.5              | 0
            """)
    void printsPlainNormalizedResults(String expression, String expected) throws CalcException {
        assertThat(CALC.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sqrt(16)            | 4
            sqrt(2)             | 1.414213562373095048801688724209698
            sqrt(0)             | 0
            SQRT(0.25)          | 0.5
            abs(-3.5)           | 3.5
            Abs(2)              | 2
            min(3)              | 3
            min(3, -1, 2)       | -1
            max(3, -1, 2)       | 3
            MAX(1, 2^3, 7)      | 8
            round(2.5)          | 3
            round(-2.5)         | -3
            round(2.4)          | 2
            round(3.14159, 2)   | 3.14
            round(2.345, 2)     | 2.35
            round(1/3, 0)       | 0
            round(9.99, 1)      | 10
            sqrt(abs(-16)) + 1  | 5
            """)
    void evaluatesFunctions(String expression, String expected) throws CalcException {
        assertThat(CALC.evaluate(expression)).isEqualTo(expected);
    }

    /**
     * Inexact steps are computed with guard digits and the result shown to 34 significant digits, so
     * that the error of one step does not show; exact results are shown whole, however long.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2^0.5*2^0.5                      | 2
            2^0.5                            | 1.414213562373095048801688724209698
            sqrt(2)*sqrt(2)                  | 2
            1/7*7                            | 1
            1/3*3                            | 1
            1/3+1/3+1/3                      | 1
            (1/3)*(1/3)*9                    | 1
            10^0.5*10^0.5                    | 10
            2^(1/3)                          | 1.259921049894873164767210607278228
            2^(1/3)^3                        | 1.026004484707038539691846623265931
            (2^(1/3))^3                      | 2
            1.0001^10000.5                   | 2.718281830724053590252747715280798
            9^0.5                            | 3
            100^-0.5                         | 0.1
            0.1+0.2                          | 0.3
            12345678901234567890123456789012345678901234567890 * 3 | 37037036703703703670370370367037037036703703703670
            10/4                             | 2.5
            1/1024                           | 0.0009765625
            """)
    void roundsOnlyWhatCannotBeExact(String expression, String expected) throws CalcException {
        assertThat(CALC.evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | empty expression
            '   '              | empty expression
            1 / 0              | division by zero
            1 % 0              | division by zero
            0^-1               | division by zero
            0^-0.5             | division by zero
            sqrt(-1)           | square root of a negative number
            (-8)^0.5           | fractional power of a negative number
            1 +                | unexpected end of expression
            (1 + 2             | unexpected end of expression
            1 + )              | unexpected ')' at position 5
            ()                 | unexpected ')' at position 2
            1 2                | unexpected '2' at position 3
            2(3)               | unexpected '(' at position 2
            1,2                | unexpected ',' at position 2
            1.2.3              | unexpected '.3' at position 4
            1e5                | unexpected 'e' at position 2
            1 $ 2              | unexpected character '$' at position 3
            1 + .              | unexpected character '.' at position 5
            1 + 2 pi           | unexpected 'pi' at position 7
            1 12345678901234567890 | unexpected '12345678901234567890' at position 3
            1 123456789012345678901 | unexpected '12345678901234567890...' at position 3
            foo(1)             | unknown identifier 'foo' at position 1
            2 * x              | unknown identifier 'x' at position 5
            sqrt 4             | expected '(' after sqrt at position 6
            sqrt()             | sqrt takes 1 argument, got 0
            sqrt(1, 2)         | sqrt takes 1 argument, got 2
            abs(1, 2)          | abs takes 1 argument, got 2
            min()              | min takes at least 1 argument, got 0
            max()              | max takes at least 1 argument, got 0
            round()            | round takes 1 or 2 arguments, got 0
            round(1, 2, 3)     | round takes 1 or 2 arguments, got 3
            round(1, 0.5)      | round: decimal places must be a whole number from 0 to 100
            round(1, -1)       | round: decimal places must be a whole number from 0 to 100
            round(1, 101)      | round: decimal places must be a whole number from 0 to 100
            """)
    void rejectsBadInputWithClearMessage(String expression, String message) {
        assertThatThrownBy(() -> CALC.evaluate(expression)).isInstanceOf(CalcException.class).hasMessage(message);
    }

    @Test
    void rejectsNullAndControlCharactersSafely() {
        assertThatThrownBy(() -> CALC.evaluate(null)).isInstanceOf(CalcException.class).hasMessage("empty expression");
        assertThatThrownBy(() -> CALC.evaluate("1\u0007")).hasMessage("unexpected character U+0007 at position 2");
    }

    @Test
    void acceptsValuesUpToTheLimits() throws CalcException {
        assertThat(CALC.evaluate("10^999")).isEqualTo("1" + "0".repeat(999));
        assertThat(CALC.evaluate("0.1^1000")).isEqualTo("0." + "0".repeat(999) + "1");
        assertThat(CALC.evaluate("2^-1000")).hasSize(1002); // exact: 1000 decimal places
        assertThat(CALC.evaluate("2^3000.5")).hasSize(904).startsWith("1739810669184573699723861356"); // beyond double's range
        assertThat(CALC.evaluate("round(2/3, 100)")).isEqualTo("0." + "6".repeat(33) + "7");
        assertThat(CALC.evaluate("(".repeat(100) + "1" + ")".repeat(100))).isEqualTo("1");
        assertThat(CALC.evaluate("9".repeat(100))).isEqualTo("9".repeat(100));
        assertThat(CALC.evaluate("1" + "+1".repeat(499))).isEqualTo("500");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10^1000                 | result too large (more than 1000 digits)
            (10^500) * (10^500)     | result too large (more than 1000 digits)
            10^999 * 10 + 1         | result too large (more than 1000 digits)
            0.1^1001                | result has too many decimal places (more than 1000)
            0.1^999 / 100           | result has too many decimal places (more than 1000)
            1.5^2000                | result has too many decimal places (more than 1000)
            9^99999                 | result too large (more than 1000 digits)
            2^100001                | exponent too large (limit 100000)
            1^100001                | exponent too large (limit 100000)
            10^1000.5               | result too large (more than 1000 digits)
            2^3330.5                | result too large (more than 1000 digits)
            sqrt(10^999 * 10)       | result too large (more than 1000 digits)
            round((10^999-1)*10+9.5) | result too large (more than 1000 digits)
            """)
    void refusesResultsOverTheLimits(String expression, String message) {
        assertThatThrownBy(() -> CALC.evaluate(expression)).isInstanceOf(CalcException.class).hasMessage(message);
    }

    static Stream<Arguments> bombs() {
        return Stream.of(
                Arguments.of("9^9^9^9", "exponent too large (limit 100000)"),
                Arguments.of("99999999^99999999", "exponent too large (limit 100000)"),
                Arguments.of("(".repeat(10000) + "1" + ")".repeat(10000), "expression too long (limit 4096 characters)"),
                Arguments.of("(".repeat(101) + "1" + ")".repeat(101), "nesting too deep at position 101 (limit 100)"),
                Arguments.of("sqrt(".repeat(300) + "1" + ")".repeat(300), "nesting too deep at position 505 (limit 100)"),
                Arguments.of("2" + "^2".repeat(400), "nesting too deep at position 202 (limit 100)"),
                Arguments.of("9".repeat(4096), "number too long at position 1 (limit 100 digits)"),
                Arguments.of("1+" + "9".repeat(101), "number too long at position 3 (limit 100 digits)"),
                Arguments.of("9".repeat(4097), "expression too long (limit 4096 characters)"),
                Arguments.of("9*".repeat(1500) + "9", "expression too long (limit 1000 tokens)"),
                Arguments.of("-".repeat(4000) + "1", "expression too long (limit 1000 tokens)"),
                Arguments.of("(9^999)" + "*(9^999)".repeat(100), "result too large (more than 1000 digits)"),
                Arguments.of("0.1^99999", "result has too many decimal places (more than 1000)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bombs")
    void refusesResourceExhaustionQuickly(String expression, String message) {
        // A generous bound that only catches a hang, not a timing assertion.
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThatThrownBy(() -> CALC.evaluate(expression))
                .isInstanceOf(CalcException.class)
                .hasMessage(message));
    }

    @Test
    void randomInputEitherEvaluatesOrFailsWithCalcException() {
        String alphabet = "0123456789.+-*/%^() ,sqrtabsminmaxround";
        Random random = new Random(20240611L);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(61)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String input = new String(chars);
            try {
                assertThat(CALC.evaluate(input)).isNotBlank();
            } catch (CalcException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | Error unexpected) {
                fail("input \"" + input + "\" threw " + unexpected, unexpected);
            }
        }
    }

    /** The nesting limit counts depth, not how many groups an expression has side by side. */
    @Test
    void manyGroupsPowersAndCallsSideBySideAreNotNesting() throws CalcException {
        int n = Limits.MAX_NESTING + 50;
        assertThat(CALC.evaluate(String.join("+", java.util.Collections.nCopies(n, "(1)")))).isEqualTo(Integer.toString(n));
        assertThat(CALC.evaluate(String.join("+", java.util.Collections.nCopies(n, "1^1")))).isEqualTo(Integer.toString(n));
        assertThat(CALC.evaluate(String.join("+", java.util.Collections.nCopies(n, "abs(1)")))).isEqualTo(Integer.toString(n));
    }

    /** Names are ASCII letters, a to z in either case: the ends of both ranges included. */
    @Test
    void identifiersSpanTheWholeAsciiAlphabetInBothCases() throws CalcException {
        assertThat(CALC.evaluate("ABS(-2)")).isEqualTo("2");
        for (String name : new String[] {"a", "z", "A", "Z"}) {
            assertThatThrownBy(() -> CALC.evaluate(name)).isInstanceOf(CalcException.class)
                    .hasMessage("unknown identifier '" + name + "' at position 1");
        }
        assertThatThrownBy(() -> CALC.evaluate("sqrt")).isInstanceOf(CalcException.class)
                .hasMessage("expected '(' after sqrt at position 5");
    }
}
