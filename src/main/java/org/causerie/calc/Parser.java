package org.causerie.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser that evaluates while it parses, so no syntax tree is built and no
 * second recursive walk needs its own depth guard.
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := signed (('*' | '/' | '%') signed)*
 * signed     := ('+' | '-')* power
 * power      := primary ('^' signed)?
 * primary    := NUMBER | '(' expression ')' | IDENTIFIER '(' [expression (',' expression)*] ')'
 * </pre>
 *
 * Binding {@code ^} tighter than a sign gives -2^2 = -4, and taking a signed operand on its
 * right gives 2^-1 = 0.5 and right associativity. Every recursive path passes through
 * {@link #enter}, which refuses excessive nesting before the stack grows any further.
 *
 * <p>Holds per-evaluation state: create one per expression, never share it.
 */
final class Parser {
    private final List<Token> tokens;
    private final Arithmetic arithmetic;
    private int next;
    private int depth;

    Parser(List<Token> tokens, Arithmetic arithmetic) {
        this.tokens = tokens;
        this.arithmetic = arithmetic;
    }

    BigDecimal parse() throws CalcException {
        if (peek().kind() == Token.Kind.END) {
            throw new CalcException("empty expression");
        }
        BigDecimal value = expression();
        Token rest = peek();
        if (rest.kind() != Token.Kind.END) {
            throw rest.unexpected();
        }
        return value;
    }

    private BigDecimal expression() throws CalcException {
        BigDecimal value = term();
        while (true) {
            switch (peek().kind()) {
                case PLUS -> {
                    advance();
                    value = arithmetic.add(value, term());
                }
                case MINUS -> {
                    advance();
                    value = arithmetic.subtract(value, term());
                }
                default -> {
                    return value;
                }
            }
        }
    }

    private BigDecimal term() throws CalcException {
        BigDecimal value = signed();
        while (true) {
            switch (peek().kind()) {
                case STAR -> {
                    advance();
                    value = arithmetic.multiply(value, signed());
                }
                case SLASH -> {
                    advance();
                    value = arithmetic.divide(value, signed());
                }
                case PERCENT -> {
                    advance();
                    value = arithmetic.remainder(value, signed());
                }
                default -> {
                    return value;
                }
            }
        }
    }

    /** Signs are consumed in a loop, not by recursion, so a run of them costs no stack. */
    private BigDecimal signed() throws CalcException {
        boolean negative = false;
        while (peek().kind() == Token.Kind.PLUS || peek().kind() == Token.Kind.MINUS) {
            if (advance().kind() == Token.Kind.MINUS) {
                negative = !negative;
            }
        }
        BigDecimal value = power();
        return negative ? value.negate() : value;
    }

    private BigDecimal power() throws CalcException {
        BigDecimal base = primary();
        if (peek().kind() != Token.Kind.CARET) {
            return base;
        }
        enter(advance());
        BigDecimal exponent = signed();
        leave();
        return arithmetic.power(base, exponent);
    }

    private BigDecimal primary() throws CalcException {
        Token token = advance();
        switch (token.kind()) {
            case NUMBER -> {
                return Arithmetic.literal(token.text());
            }
            case LEFT_PAREN -> {
                enter(token);
                BigDecimal value = expression();
                expect(Token.Kind.RIGHT_PAREN);
                leave();
                return value;
            }
            case IDENTIFIER -> {
                return call(token);
            }
            default -> throw token.unexpected();
        }
    }

    private BigDecimal call(Token name) throws CalcException {
        MathFunction function = MathFunction.named(name.text()).orElseThrow(
                () -> new CalcException("unknown identifier " + name.quoted() + " at position " + name.position()));
        Token open = advance();
        if (open.kind() != Token.Kind.LEFT_PAREN) {
            throw new CalcException("expected '(' after " + function.displayName()
                    + " at position " + open.position());
        }
        enter(open);
        List<BigDecimal> arguments = new ArrayList<>();
        if (peek().kind() != Token.Kind.RIGHT_PAREN) {
            arguments.add(expression());
            while (peek().kind() == Token.Kind.COMMA) {
                advance();
                arguments.add(expression());
            }
        }
        expect(Token.Kind.RIGHT_PAREN);
        leave();
        return function.apply(arguments, arithmetic);
    }

    /** Must be called before descending into a nested construct, so the limit fires before the stack grows. */
    private void enter(Token opening) throws CalcException {
        if (++depth > Limits.MAX_NESTING) {
            throw new CalcException("nesting too deep at position " + opening.position()
                    + " (limit " + Limits.MAX_NESTING + ")");
        }
    }

    private void leave() {
        depth--;
    }

    private void expect(Token.Kind kind) throws CalcException {
        Token token = peek();
        if (token.kind() != kind) {
            throw token.unexpected();
        }
        advance();
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** Returns the current token and moves on, but never past END. */
    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }
}
