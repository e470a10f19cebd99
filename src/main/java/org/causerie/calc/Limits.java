package org.causerie.calc;

import java.math.BigDecimal;

/**
 * Resource limits for one evaluation. Any chat user can send /calc and one {@link Calculator}
 * serves every connection, so each limit caps the CPU, memory or stack that a single message
 * can cost. Each one is checked before the expensive step it guards, so hostile input is
 * refused in milliseconds instead of being half computed.
 */
final class Limits {
    private Limits() {
    }

    /**
     * Caps the work done by the tokenizer and the length of what an error can echo back. A
     * chat line that is a real calculation is far shorter.
     */
    static final int MAX_EXPRESSION_LENGTH = 4096;

    /**
     * Caps the number of operations, and with it the total time of one evaluation; together
     * with the digit limits below it bounds the work of any accepted input.
     */
    static final int MAX_TOKENS = 1000;

    /**
     * Nobody types a literal this long by hand; refusing longer ones keeps operands small
     * from the start.
     */
    static final int MAX_NUMBER_DIGITS = 100;

    /**
     * Parentheses, function calls and exponents are parsed recursively. Keeping their depth
     * this low keeps the parser far away from a StackOverflowError, even on small thread stacks.
     */
    static final int MAX_NESTING = 100;

    /**
     * Digits before the point of any intermediate result. BigDecimal costs grow with operand
     * size, and repeated squaring or multiplication can grow a number very quickly.
     */
    static final int MAX_INTEGER_DIGITS = 1000;

    /**
     * Digits after the point of any intermediate result: tiny numbers such as 0.1^999 are as
     * expensive as huge ones.
     */
    static final int MAX_SCALE = 1000;

    /**
     * Any base other than 0, 1 and -1 breaks the digit limits well before this exponent, so
     * refusing larger ones loses no result and keeps the exponent an int with a cheap
     * size estimate.
     */
    static final BigDecimal MAX_EXPONENT = BigDecimal.valueOf(100_000);

    /** round(x, n) adds up to n decimal places; more than this would be display noise. */
    static final int MAX_ROUND_PLACES = 100;
}
