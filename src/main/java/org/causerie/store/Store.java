package org.causerie.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Causerie keeps: accounts, rooms that last, history, and private messages waiting for
 * their recipient. Implementations: {@code SqliteStore} (the embedded default) and
 * {@code PostgresStore}, both in {@code org.causerie.store.jdbc}, held to one contract test suite.
 *
 * <p>Names (nicknames, room names) are given in any case and compared case-insensitively (ASCII
 * folding, as {@code Names.fold}); what is returned keeps the spelling first stored. Every method is
 * safe to call from many threads. Failures are {@link StoreException}s.
 */
public interface Store extends AutoCloseable {

    // Accounts

    Optional<Account> findAccount(String nick);

    /** Registers {@code nick}; empty if that nickname is registered already. */
    Optional<Account> createAccount(String nick, String passwordHash);

    void updatePassword(long accountId, String passwordHash);

    // Server operators: accounts whose credentials the server's operator set (causerie server oper add)

    /** The nicknames of the operators' accounts, as spelled, in folded order. */
    List<String> operators();

    /**
     * Makes {@code nick} an operator with this password hash, in one transaction: creates its account,
     * or replaces the password of the existing one and revokes all of its session tokens (whoever held
     * that account before keeps no way in).
     */
    Account setOperator(String nick, String passwordHash);

    /** Takes operator rights from {@code nick}'s account (the account stays); false if it had none. */
    boolean removeOperator(String nick);

    // Session tokens: only a hash of each is kept

    /** Keeps a token's hash for the account until {@code expires}; tokens expired already are swept. */
    void saveToken(String tokenHash, long accountId, Instant expires);

    /** The account of the token with this hash, if it exists and has not expired at {@code now}. */
    Optional<Account> findToken(String tokenHash, Instant now);

    /** Revokes one token; false if there was none with this hash. */
    boolean deleteToken(String tokenHash);

    /** Revokes every token of the account; returns how many there were. */
    int deleteTokens(long accountId);

    // Rooms that last

    /** Every registered room. */
    List<RoomRecord> rooms();

    /** Inserts or updates the room (by name). */
    void saveRoom(RoomRecord room);

    /** Forgets the room and its {@link RoomState}, not its history. */
    void deleteRoom(String name);

    /** The moderation state kept for the room (any room, the lobby too), if any. */
    Optional<RoomState> roomState(String name);

    /** Replaces the room's moderation state, all of it in one transaction. */
    void saveRoomState(RoomState state);

    // History

    /**
     * Writes all entries in one transaction, or none of them: when this returns, they are durable
     * (a killed process loses none of them). Ids are given by the caller; an id that exists already
     * for that room or conversation is a StoreException.
     */
    void append(List<Entry> entries);

    /**
     * {@link #append}, but the store numbers the messages, given with id 0 (see {@link Counted}): each
     * takes the next id of its room or conversation within the same transaction, so ids are gapless
     * and in commit order for every server writing to this store. Returns the entries as written, in
     * the order given. This default serves a store that one process writes (memory, SQLite): it numbers
     * under the store's monitor from the last stored ids. PostgreSQL keeps counter rows instead.
     */
    default List<Entry> appendCounted(List<Entry> entries) {
        return Counted.appendInProcess(this, entries, (store, counter) -> switch (counter.charAt(0)) {
            case 'r' -> store.lastRoomId(counter.substring(2));
            case 's' -> store.lastRoomSeq(counter.substring(2));
            default -> store.lastPrivateId(counter.substring(2));
        });
    }

    /** The highest place taken in the room's sequence (its events and messages in a cluster), 0 if none. */
    long lastRoomSeq(String room);

    /**
     * The topic the room's last topic change at or below place {@code atSeq} set ("" when it cleared it),
     * or null when the store keeps none (a cluster's room events: none was set, or retention removed it):
     * what a node opening a room that is open on other nodes shows its joiners.
     */
    String roomTopicAt(String room, long atSeq);

    /**
     * The room's last {@code limit} mode changes (room events of kind 8) at or below place {@code atSeq},
     * by place: a node opening a room open on other nodes applies them over the room's stored state, which
     * its last writer may have written before a change it showed.
     */
    List<Entry.RoomEvent> roomModesAt(String room, long atSeq, int limit);

    /**
     * The room's messages and events with a place in its sequence above {@code afterSeq}, the {@code limit}
     * lowest, by place: what a node of a cluster missed on the bus. Single-node rows (no place) never appear.
     */
    List<Entry> roomSince(String room, long afterSeq, int limit);

    /** The id of the newest message of the room, 0 if none: where numbering resumes after a restart. */
    long lastRoomId(String room);

    long lastPrivateId(String conversation);

    /** The newest {@code limit} messages of the room with an id below {@code beforeId}, oldest first. */
    Page<Entry.RoomMessage> roomBefore(String room, long beforeId, int limit);

    /** The oldest {@code limit} messages of the room with an id above {@code afterId}, oldest first. */
    Page<Entry.RoomMessage> roomAfter(String room, long afterId, int limit);

    Page<Entry.PrivateMessage> privateBefore(String conversation, long beforeId, int limit);

    /** A private conversation and the time of its last message in the window asked for. */
    record Active(String conversation, java.time.Instant last) {}

    /**
     * The private conversations of {@code identity} (one side of their key, {@link #conversation}) with a
     * message stored after {@code after} and at or before {@code upTo}, the most recent first, at most
     * {@code limit}: IRC's CHATHISTORY TARGETS. Reads the window of the time index, not an index of users.
     */
    List<Active> activeConversations(String identity, java.time.Instant after, java.time.Instant upTo, int limit);

    Page<Entry.PrivateMessage> privateAfter(String conversation, long afterId, int limit);

    /**
     * The private messages queued for the account, in the order they were sent, and removed from the
     * queue in the same transaction: a message is handed out once.
     */
    List<Entry.PrivateMessage> takeOffline(long accountId);

    // Removal by moderators

    /** Deletes one room message; false if there was none with that id. */
    boolean deleteRoomMessage(String room, long id);

    /**
     * Deletes every message sent under the nickname {@code sender} (any case): in {@code room} only,
     * or, when {@code room} is null, in every room and private conversation (with their offline marks).
     * Returns how many messages were deleted.
     */
    int deleteMessagesFrom(String sender, String room);

    // Server bans

    /** Every server ban kept, lapsed ones included (the caller decides what lapsed means now). */
    List<ServerBan> serverBans();

    /** Inserts or replaces the ban of ({@code kind}, folded {@code target}). */
    void saveServerBan(ServerBan ban);

    /** Lifts a ban; false if there was none. */
    boolean deleteServerBan(ServerBan.Kind kind, String target);

    // Block lists

    /** Whom the account ignores, in the order they were added. */
    List<Ignore> ignores(long accountId);

    /** Adds to the account's block list; false if that identity is on it already. */
    boolean ignore(long accountId, Ignore ignore);

    /** Removes from the account's block list; false if it was not on it. */
    boolean unignore(long accountId, String identity);

    /** Deletes what the retention does not keep; returns how many messages were deleted. */
    int prune(Retention retention);

    @Override
    void close();

    /** The key of the conversation between two nicknames: the same whichever writes to whom. */
    static String conversation(String nickA, String nickB) {
        String a = fold(nickA);
        String b = fold(nickB);
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** ASCII case folding, the one rule for comparing names everywhere (the hub's too). */
    static String fold(String name) {
        char[] folded = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char f = fold(c);
            if (f != c) {
                if (folded == null) {
                    folded = name.toCharArray();
                }
                folded[i] = f;
            }
        }
        return folded == null ? name : new String(folded);
    }

    /** One character of a name as {@link #fold(String)} folds it: ASCII letters to lower case, nothing else. */
    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
