package org.causerie.calc;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The functions /calc offers. Names are matched case-insensitively. */
enum MathFunction {
    SQRT(1, 1),
    ABS(1, 1),
    MIN(1, Integer.MAX_VALUE),
    MAX(1, Integer.MAX_VALUE),
    ROUND(1, 2);

    private static final Map<String, MathFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MathFunction::displayName, Function.identity()));

    private final int minArguments;
    private final int maxArguments;

    MathFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** Locale.ROOT, so that e.g. a Turkish default locale cannot change how names match. */
    static Optional<MathFunction> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    BigDecimal apply(List<BigDecimal> arguments, Arithmetic arithmetic) throws CalcException {
        checkCount(arguments.size());
        BigDecimal first = arguments.getFirst();
        return switch (this) {
            case SQRT -> arithmetic.sqrt(first);
            case ABS -> first.abs();
            case MIN -> arguments.stream().reduce(first, BigDecimal::min);
            case MAX -> arguments.stream().reduce(first, BigDecimal::max);
            case ROUND -> arithmetic.round(first, arguments.size() == 2 ? arguments.get(1) : BigDecimal.ZERO);
        };
    }

    private void checkCount(int count) throws CalcException {
        if (count >= minArguments && count <= maxArguments) {
            return;
        }
        String expected;
        if (minArguments == maxArguments) {
            expected = minArguments + (minArguments == 1 ? " argument" : " arguments");
        } else if (maxArguments == Integer.MAX_VALUE) {
            expected = "at least " + minArguments + (minArguments == 1 ? " argument" : " arguments");
        } else {
            expected = minArguments + " or " + maxArguments + " arguments";
        }
        throw new CalcException(displayName() + " takes " + expected + ", got " + count);
    }
}
