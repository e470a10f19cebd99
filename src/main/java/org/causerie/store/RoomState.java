package org.causerie.store;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a lasting room keeps of its moderation across restarts: its modes, its key, and the accounts
 * that are its operators, voiced or invited, and its ban masks. Only accounts are kept: a guest's
 * rights end with its connection.
 */
public record RoomState(String name, boolean inviteOnly, boolean topicLocked, boolean moderated, String key,
        Set<Long> operators, Set<Long> voiced, Set<Long> invited, Set<String> bans) {

    public RoomState {
        operators = Set.copyOf(operators);
        voiced = Set.copyOf(voiced);
        invited = Set.copyOf(invited);
        bans = new TreeSet<>(bans); // sorted: the order they are listed in after a restart
    }
}
