package org.causerie.net;

/**
 * The rate limit of one connection: {@code burst} lines at once, then {@code perSecond} steadily. Not
 * thread-safe: only the connection's reader uses it.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int burst, double perSecond, long now) {
        this.capacity = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.last = now;
    }

    /**
     * Takes a token for one line: returns 0 when there was one, or how many nanoseconds the line must
     * wait for it (the token is then spent ahead, so waiting that long is all the caller must do).
     */
    long take(long now) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }
}
