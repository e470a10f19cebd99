package org.causerie.calc;

import java.math.BigDecimal;

/**
 * Evaluates the arithmetic expressions of the chat's {@code /calc} command, exactly, over
 * BigDecimal, with a hand-written tokenizer and parser: input from chat users is never handed
 * to eval or a script engine.
 *
 * <p>Supports {@code + - * / % ^}, parentheses, unary signs and the functions sqrt, abs, min,
 * max and round. Input is untrusted, so every expression is bounded by the limits in
 * {@link Limits} and refused with a {@link CalcException} before it can cost much.
 *
 * <p>Thread-safe: instances hold no state, so one can be shared by every connection.
 */
public final class Calculator {

    /** Creates a calculator with the default limits. */
    public Calculator() {
    }

    /**
     * Evaluates {@code expression}.
     *
     * @return the exact result, or when a step could not be exact (a division that does not end, a
     *     root, a fractional power) the result computed with guard digits and rounded to 34 significant
     *     digits; as a plain decimal string without trailing zeros or exponent, e.g. "2.5"
     * @throws CalcException for any input that is malformed, impossible (division by zero) or
     *     over a limit; its message is meant for the user
     */
    public String evaluate(String expression) throws CalcException {
        if (expression == null) {
            throw new CalcException("empty expression");
        }
        // Checked first, before any per-character work.
        if (expression.length() > Limits.MAX_EXPRESSION_LENGTH) {
            throw new CalcException("expression too long (limit " + Limits.MAX_EXPRESSION_LENGTH + " characters)");
        }
        var arithmetic = new Arithmetic();
        BigDecimal result = new Parser(Tokenizer.tokenize(expression), arithmetic).parse();
        return arithmetic.show(result);
    }
}
