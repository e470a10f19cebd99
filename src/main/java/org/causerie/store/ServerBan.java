package org.causerie.store;

import java.time.Instant;

/**
 * A server-wide ban, set by a server operator: a network (an address is a network of one; IPv6
 * addresses are banned by /64) refused at connect, or an account refused at login.
 *
 * @param kind    what {@code target} names
 * @param target  a network in CIDR form ({@code 203.0.113.0/24}), or an account's nickname
 * @param reason  what the banned client is told (may be empty)
 * @param by      the operator who set it
 * @param expires when it lapses, or null for never
 */
public record ServerBan(Kind kind, String target, String reason, String by, Instant created, Instant expires) {
    public enum Kind { NETWORK, ACCOUNT }

    public boolean lapsed(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
