package org.causerie.store;

import java.time.Duration;

/**
 * How much history a server keeps: messages younger than {@code maxAge} and, per room or
 * conversation, the newest {@code maxCount}. A null field means no limit; {@link #FOREVER} keeps all.
 */
public record Retention(Duration maxAge, Long maxCount) {
    public static final Retention FOREVER = new Retention(null, null);

    public boolean keepsEverything() {
        return maxAge == null && maxCount == null;
    }
}
