package org.causerie.calc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The operations of /calc over BigDecimal. Every result passes {@link #checked} so that no
 * intermediate value outgrows the limits, and operations whose cost depends on their result
 * size (powers) estimate that size before computing anything.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** For results that cannot be exact (non-terminating quotients, roots): IEEE decimal128. */
    private static final MathContext INEXACT = MathContext.DECIMAL128;

    /** Fractional powers go through doubles, which carry about 16 significant digits and no more. */
    private static final MathContext DOUBLE_DIGITS = new MathContext(16);

    /** Any value the limits allow has at most this many significant digits. */
    private static final int MAX_DIGITS = Limits.MAX_INTEGER_DIGITS + Limits.MAX_SCALE;

    static BigDecimal literal(String text) {
        return new BigDecimal(text).stripTrailingZeros(); // the tokenizer already capped its length
    }

    static BigDecimal add(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.add(b));
    }

    static BigDecimal subtract(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.subtract(b));
    }

    static BigDecimal multiply(BigDecimal a, BigDecimal b) throws CalcException {
        return checked(a.multiply(b));
    }

    /** Exact when the quotient terminates (10/4 = 2.5), otherwise rounded to 34 digits. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) throws CalcException {
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
            quotient = a.divide(b, INEXACT); // an over-long exact quotient is as unreadable as 1/3
        }
        return checked(quotient);
    }

    /** Takes the sign of the dividend, like BigDecimal.remainder. */
    static BigDecimal remainder(BigDecimal a, BigDecimal b) throws CalcException {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return checked(a.remainder(b));
    }

    /** Exact for integer exponents; fractional exponents are approximated through doubles. */
    static BigDecimal power(BigDecimal base, BigDecimal exponent) throws CalcException {
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
     * Math.pow only covers the double range, so out-of-range bases or results are refused
     * rather than returned as 0 or infinity.
     */
    private static BigDecimal fractionalPower(BigDecimal base, BigDecimal exponent) throws CalcException {
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
        double result = Math.pow(base.doubleValue(), exponent.doubleValue());
        if (!Double.isFinite(result) || result < Double.MIN_NORMAL) {
            throw new CalcException("fractional power result out of range");
        }
        return checked(new BigDecimal(result).round(DOUBLE_DIGITS));
    }

    static BigDecimal sqrt(BigDecimal x) throws CalcException {
        if (x.signum() < 0) {
            throw new CalcException("square root of a negative number");
        }
        return checked(x.sqrt(INEXACT));
    }

    /** Half-up, so ties go away from zero: round(2.5) = 3 and round(-2.5) = -3. */
    static BigDecimal round(BigDecimal x, BigDecimal places) throws CalcException {
        if (places.signum() < 0 || places.stripTrailingZeros().scale() > 0
                || places.compareTo(BigDecimal.valueOf(Limits.MAX_ROUND_PLACES)) > 0) {
            throw new CalcException("round: decimal places must be a whole number from 0 to "
                    + Limits.MAX_ROUND_PLACES);
        }
        return checked(x.setScale(places.intValueExact(), RoundingMode.HALF_UP));
    }

    /**
     * Enforces the size limits on a result and strips trailing zeros, so that 1.0 * 1.0 * ...
     * cannot accumulate scale and every later step works on the smallest representation.
     */
    static BigDecimal checked(BigDecimal value) throws CalcException {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
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
