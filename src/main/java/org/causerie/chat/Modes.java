package org.causerie.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.causerie.store.RoomState;

/**
 * A room's moderation state: who its operators and voiced members are, who is banned or invited,
 * and its modes. Not thread-safe: every access happens under the owning {@link Room}'s lock.
 * People are named by identity ({@link Session#identity()}): an account, or one guest connection,
 * so that operator rights follow an account across its sessions and never pass to the next guest
 * who takes a nickname.
 */
final class Modes {
    final Set<String> operators = new HashSet<>();
    final Set<String> voiced = new HashSet<>();
    final Set<String> invited = new HashSet<>();
    /** Ban masks, folded: nickname patterns with * and ?, matched against nicknames and account names. */
    final LinkedHashSet<String> bans = new LinkedHashSet<>();
    boolean inviteOnly;
    boolean topicLocked;
    boolean moderated;
    String key;

    Modes() {}

    /** The modes a lasting room kept; {@code state} null is a room that kept none. */
    Modes(RoomState state) {
        if (state != null) {
            inviteOnly = state.inviteOnly();
            topicLocked = state.topicLocked();
            moderated = state.moderated();
            key = state.key();
            state.operators().forEach(id -> operators.add("a" + id));
            state.voiced().forEach(id -> voiced.add("a" + id));
            state.invited().forEach(id -> invited.add("a" + id));
            bans.addAll(state.bans());
        }
    }

    /** What the store keeps of these modes: accounts only, since a guest's identity ends with its connection. */
    RoomState state(String room) {
        return new RoomState(room, inviteOnly, topicLocked, moderated, key, accounts(operators), accounts(voiced),
                accounts(invited), bans);
    }

    private static Set<Long> accounts(Set<String> identities) {
        return identities.stream().filter(identity -> identity.startsWith("a"))
                .map(identity -> Long.parseLong(identity.substring(1))).collect(Collectors.toSet());
    }

    boolean isOperator(Session session) {
        return operators.contains(session.identity());
    }

    /**
     * The door of the room called {@code room}, which holds {@code present} sessions: the key, bans,
     * invitations, the size. Throws the refusal; returns if {@code session} may come in.
     */
    void admit(String room, Session session, Room.Request entry, int present) {
        if (key == null && entry.key() != null) { // a typo ("/join #bad room") must not pass in silence
            throw new ChatException("no-key", room + " has no key: /join " + room + " without one"
                    + " (an operator gives a room a key with /mode " + room + " +k KEY)");
        }
        if (entry.serverOperator() || isOperator(session)) {
            return;
        }
        String ban = banOf(session);
        if (ban != null) {
            throw new ChatException("banned", "you are banned from " + room + " (" + ban + ")");
        }
        if (inviteOnly && !invited.contains(session.identity())) {
            throw new ChatException("invite-only", room + " is invite-only: ask an operator for /invite");
        }
        if (key != null && !key.equals(entry.key())) {
            throw new ChatException("bad-key", room + " needs a key: /join " + room + " KEY");
        }
        if (present >= entry.membersPerRoom()) {
            throw new ChatException("room-full", room + " is full (" + entry.membersPerRoom() + " members)");
        }
    }

    boolean mayspeak(Session session) {
        return !moderated || operators.contains(session.identity()) || voiced.contains(session.identity());
    }

    /** The ban mask that matches the session, or null. */
    String banOf(Session session) {
        String nick = Names.fold(session.nick());
        String account = session.account() == null ? null : Names.fold(session.account().nick());
        for (String mask : bans) {
            Pattern pattern = glob(mask);
            if (pattern.matcher(nick).matches() || (account != null && pattern.matcher(account).matches())) {
                return mask;
            }
        }
        return null;
    }

    /** The modes as IRC writes them: {@code +ikmt}, with no key shown. */
    String describe() {
        var flags = new StringBuilder("+");
        if (inviteOnly) {
            flags.append('i');
        }
        if (key != null) {
            flags.append('k');
        }
        if (moderated) {
            flags.append('m');
        }
        if (topicLocked) {
            flags.append('t');
        }
        return flags.length() == 1 ? "none" : flags.toString();
    }

    List<String> banList() {
        return new ArrayList<>(bans);
    }

    /** Checks a ban mask: a nickname pattern (letters, digits, the nickname specials, * and ?). */
    static String checkMask(String mask) {
        if (mask.isEmpty() || mask.length() > Names.NICK_MAX + 8 || !mask.matches("[A-Za-z0-9\\-_\\[\\]{}\\\\|^`*?]+")) {
            throw new ChatException("bad-mask", "a ban mask is a nickname, with * and ? as wildcards (e.g. troll*)");
        }
        if (mask.chars().allMatch(c -> c == '*' || c == '?')) {
            throw new ChatException("bad-mask", "a ban mask must name someone: " + mask + " would ban everybody");
        }
        return Names.fold(mask);
    }

    private static Pattern glob(String mask) {
        var regex = new StringBuilder();
        for (char c : mask.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }
}
