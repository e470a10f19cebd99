package org.causerie.calc;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The operations of /calc over BigDecimal, for one evaluation. Every result passes {@link #checked} so
 * that no intermediate value outgrows the limits, and operations whose cost depends on their result
 * size (powers) estimate that size before computing anything.
 *
 * <p>Exact where decimal can be: {@code + - *}, terminating divisions and integer powers give the exact
 * result. A step that cannot be exact (1/7, sqrt(2), 2^0.5) is computed to {@link #WORKING} digits, 34
 * shown plus guard digits, and marks the whole evaluation {@link #exact() inexact}: its result is then
 * shown rounded to {@link #SHOWN} digits, so that the guard digits absorb the error of the steps
 * ({@code 1/7*7} is 1, {@code 2^0.5*2^0.5} is 2). Holds per-evaluation state: one per expression.
 */
final class Arithmetic {
    /** The digits an inexact result is shown with: IEEE decimal128's 34. */
    static final MathContext SHOWN = MathContext.DECIMAL128;

    /** The digits inexact steps are computed with: those shown and 16 guard digits. */
    static final MathContext WORKING = new MathContext(SHOWN.getPrecision() + 16, RoundingMode.HALF_EVEN);

    /** Any value the limits allow has at most this many significant digits. */
    private static final int MAX_DIGITS = Limits.MAX_INTEGER_DIGITS + Limits.MAX_SCALE;

    /** No step so far has been rounded. */
    private boolean exact = true;

    /** Whether every step so far was exact; if not, the result is to be shown to {@link #SHOWN} digits. */
    boolean exact() {
        return exact;
    }

    /** The result as the user sees it: exact, or rounded to the digits shown, without trailing zeros. */
    String show(BigDecimal result) {
        BigDecimal shown = exact ? result : result.round(SHOWN);
        return shown.signum() == 0 ? "0" : shown.stripTrailingZeros().toPlainString();
    }

    static BigDecimal literal(String text) {
        return new BigDecimal(text).stripTrailingZeros(); // the tokenizer already capped its length
    }

    BigDecimal add(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.add(b));
    }

    BigDecimal subtract(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.subtract(b));
    }

    BigDecimal multiply(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.multiply(b));
    }

    /** Exact when the quotient terminates (10/4 = 2.5), otherwise computed to the working digits. */
    BigDecimal divide(BigDecimal a, BigDecimal b) throws CalcException {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        BigDecimal quotient;
        try {
            quotient = a.divide(b).stripTrailingZeros();
        } catch (ArithmeticException nonTerminating) {
            quotient = null;
        }
        if (quotient == null || quotient.scale() > Limits.MAX_SCALE) {
            quotient = a.divide(b, WORKING); // an over-long exact quotient is as unreadable as 1/3
            exact = false;
        }
        return checked(quotient);
    }

    /** Takes the sign of the dividend, like BigDecimal.remainder. */
    BigDecimal remainder(BigDecimal a, BigDecimal b) throws CalcException {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return checked(a.remainder(b));
    }

    /** Exact for integer exponents; fractional exponents are computed in decimal to the working digits. */
    BigDecimal power(BigDecimal base, BigDecimal exponent) throws CalcException {
        if (exponent.abs().compareTo(Limits.MAX_EXPONENT) > 0) {
            throw new CalcException("exponent too large (limit " + Limits.MAX_EXPONENT + ")");
        }
        if (exponent.stripTrailingZeros().scale() > 0) {
            return fractionalPower(base, exponent);
        }
        int n = exponent.intValueExact();
        if (base.signum() == 0) {
            if (n < 0) {
                throw divisionByZero();
            }
            return n == 0 ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        // base = mantissa * 10^-scale, so base^n = mantissa^n * 10^(-scale * n): only the
        // mantissa power costs anything, and its digit count is about |n| * log10(mantissa).
        BigDecimal stripped = base.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue().abs();
        int absN = Math.abs(n);
        double mantissaDigits = log10(mantissa);
        double resultDigits = n * (mantissaDigits - stripped.scale());
        if (resultDigits > Limits.MAX_INTEGER_DIGITS) {
            throw tooLarge();
        }
        if (resultDigits < -Limits.MAX_SCALE || absN * mantissaDigits > MAX_DIGITS) {
            throw tooManyDecimals();
        }
        if (n >= 0) {
            return checked(stripped.pow(n));
        }
        // 1 / base^|n| = 10^(scale * |n|) / mantissa^|n|, which keeps 0.5^-2 exact (100 / 25).
        BigDecimal numerator = BigDecimal.ONE.scaleByPowerOfTen(Math.multiplyExact(stripped.scale(), absN));
        BigDecimal result = divide(numerator, new BigDecimal(mantissa.pow(absN)));
        return stripped.signum() < 0 && absN % 2 == 1 ? result.negate() : result;
    }

    /**
     * x^y as exp(y ln x) in decimal, to the working digits (as sqrt is), never through double. The
     * result's size is estimated first, so a power too large or too small is refused before any work.
     */
    private BigDecimal fractionalPower(BigDecimal base, BigDecimal exponent) throws CalcException {
        if (base.signum() < 0) {
            throw new CalcException("fractional power of a negative number");
        }
        if (base.signum() == 0) {
            if (exponent.signum() < 0) {
                throw divisionByZero();
            }
            return BigDecimal.ZERO;
        }
        double resultDigits = exponent.doubleValue() * log10(base);
        if (resultDigits > Limits.MAX_INTEGER_DIGITS) {
            throw tooLarge();
        }
        if (resultDigits < -Limits.MAX_SCALE) {
            throw tooManyDecimals();
        }
        exact = false;
        return checked(BigDecimalMath.pow(base, exponent, WORKING));
    }

    BigDecimal sqrt(BigDecimal x) throws CalcException {
        if (x.signum() < 0) {
            throw new CalcException("square root of a negative number");
        }
        BigDecimal root = x.sqrt(WORKING);
        if (root.multiply(root).compareTo(x) != 0) {
            exact = false; // sqrt(2); sqrt(6.25) = 2.5 stays exact
        }
        return checked(root);
    }

    /** Half-up, so ties go away from zero: round(2.5) = 3 and round(-2.5) = -3. */
    BigDecimal round(BigDecimal x, BigDecimal places) throws CalcException {
        if (places.signum() < 0 || places.stripTrailingZeros().scale() > 0
                || places.compareTo(BigDecimal.valueOf(Limits.MAX_ROUND_PLACES)) > 0) {
            throw new CalcException("round: decimal places must be a whole number from 0 to "
                    + Limits.MAX_ROUND_PLACES);
        }
        return checked(x.setScale(places.intValueExact(), RoundingMode.HALF_UP));
    }

    /**
     * Enforces the size limits on a result and strips trailing zeros, so that 1.0 * 1.0 * ...
     * cannot accumulate scale and every later step works on the smallest representation. Once the
     * evaluation is inexact, results keep the working digits only: more would be noise, and costly.
     */
    BigDecimal checked(BigDecimal value) throws CalcException {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (!exact && value.precision() > WORKING.getPrecision()) {
            value = value.round(WORKING);
        }
        // Checked before stripping, which costs time proportional to the size being refused.
        if ((long) value.precision() - value.scale() > Limits.MAX_INTEGER_DIGITS) {
            throw tooLarge();
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > Limits.MAX_SCALE) {
            throw tooManyDecimals();
        }
        return stripped;
    }

    /** log10 of |x| for non-zero x, good to about 15 digits, without leaving double range. */
    private static double log10(BigDecimal x) {
        return log10(x.unscaledValue().abs()) - x.scale();
    }

    private static double log10(BigInteger positive) {
        BigDecimal digits = new BigDecimal(positive);
        int count = digits.precision();
        return count + Math.log10(digits.movePointLeft(count).doubleValue()); // leading part in [0.1, 1)
    }

    private static CalcException divisionByZero() {
        return new CalcException("division by zero");
    }

    private static CalcException tooLarge() {
        return new CalcException("result too large (more than " + Limits.MAX_INTEGER_DIGITS + " digits)");
    }

    private static CalcException tooManyDecimals() {
        return new CalcException("result has too many decimal places (more than " + Limits.MAX_SCALE + ")");
    }
}
