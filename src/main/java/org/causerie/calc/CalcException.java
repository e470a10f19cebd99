package org.causerie.calc;

/**
 * A /calc input that cannot be evaluated. The message goes to the user verbatim, so it must
 * say what is wrong with the input in plain words (and where, for syntax errors), never leak
 * internals such as class names or stack details.
 *
 * <p>It is the only exception {@link Calculator#evaluate} may throw: callers catch just this
 * one, so anything else escaping would be a bug that can take down a connection handler.
 */
public final class CalcException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message shown to the user as is, e.g. "division by zero" or
     *     "unexpected ')' at position 5"
     */
    public CalcException(String message) {
        super(message);
    }
}
