package org.causerie.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.causerie.store.Account;
import org.causerie.store.Entry;
import org.causerie.store.MemoryStore;
import org.causerie.store.Page;
import org.causerie.store.Retention;
import org.causerie.store.RoomRecord;
import org.causerie.store.Store;
import org.causerie.store.StoreException;

/**
 * A real store in memory whose {@link #append} can be held at its door: a test sees what the journal
 * does while a commit has not returned. Closed, each append waits for one {@link #release}; open (the
 * default), it goes straight through. It can also be made to fail, as a full disk would.
 */
final class GatedStore implements Store {
    private final MemoryStore store = new MemoryStore();
    private final Semaphore permits = new Semaphore(0);
    private volatile boolean gated;
    private volatile boolean failing;
    /** Every append call's entries, in the order the calls came. */
    final List<List<Entry>> appends = new CopyOnWriteArrayList<>();
    /** Appends that have entered and not yet returned. */
    final Semaphore waiting = new Semaphore(0);

    /** From now on each append waits for a {@link #release}. */
    void close(boolean gated) {
        this.gated = gated;
    }

    /** Lets {@code count} waiting (or future) appends through. */
    void release(int count) {
        permits.release(count);
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void append(List<Entry> entries) {
        appends.add(List.copyOf(entries));
        if (gated) {
            waiting.release();
            permits.acquireUninterruptibly();
        }
        if (failing) {
            throw new StoreException("the disk is full (a test)", null);
        }
        store.append(entries);
    }

    @Override
    public Optional<Account> findAccount(String nick) {
        return store.findAccount(nick);
    }

    @Override
    public Optional<Account> createAccount(String nick, String passwordHash) {
        return store.createAccount(nick, passwordHash);
    }

    @Override
    public void updatePassword(long accountId, String passwordHash) {
        store.updatePassword(accountId, passwordHash);
    }

    @Override
    public List<String> operators() {
        return store.operators();
    }

    @Override
    public Account setOperator(String nick, String passwordHash) {
        return store.setOperator(nick, passwordHash);
    }

    @Override
    public boolean removeOperator(String nick) {
        return store.removeOperator(nick);
    }

    @Override
    public void saveToken(String tokenHash, long accountId, Instant expires) {
        store.saveToken(tokenHash, accountId, expires);
    }

    @Override
    public Optional<Account> findToken(String tokenHash, Instant now) {
        return store.findToken(tokenHash, now);
    }

    @Override
    public boolean deleteToken(String tokenHash) {
        return store.deleteToken(tokenHash);
    }

    @Override
    public int deleteTokens(long accountId) {
        return store.deleteTokens(accountId);
    }

    @Override
    public List<RoomRecord> rooms() {
        return store.rooms();
    }

    @Override
    public void saveRoom(RoomRecord room) {
        store.saveRoom(room);
    }

    @Override
    public void deleteRoom(String name) {
        store.deleteRoom(name);
    }

    @Override
    public long lastRoomId(String room) {
        return store.lastRoomId(room);
    }

    @Override
    public long lastPrivateId(String conversation) {
        return store.lastPrivateId(conversation);
    }

    @Override
    public Page<Entry.RoomMessage> roomBefore(String room, long beforeId, int limit) {
        return store.roomBefore(room, beforeId, limit);
    }

    @Override
    public Page<Entry.RoomMessage> roomAfter(String room, long afterId, int limit) {
        return store.roomAfter(room, afterId, limit);
    }

    @Override
    public Page<Entry.PrivateMessage> privateBefore(String conversation, long beforeId, int limit) {
        return store.privateBefore(conversation, beforeId, limit);
    }

    @Override
    public Page<Entry.PrivateMessage> privateAfter(String conversation, long afterId, int limit) {
        return store.privateAfter(conversation, afterId, limit);
    }

    @Override
    public List<Entry.PrivateMessage> takeOffline(long accountId) {
        return store.takeOffline(accountId);
    }

    @Override
    public int prune(Retention retention) {
        return store.prune(retention);
    }

    @Override
    public void close() {
        store.close();
    }
}
