package org.causerie.chat;

import org.causerie.auth.HashWorkers;
import org.causerie.auth.Passwords;
import org.causerie.store.MemoryStore;

/** Hubs for tests without a server: over a store in memory, with one shared pool of hash workers. */
public final class TestHubs {
    /** Made at first use, shared by every hub made here. */
    private static final class Hashing {
        static final HashWorkers WORKERS = new HashWorkers(new Passwords(), 1, 64);
    }

    private TestHubs() {}

    /** A hub over a fresh store in memory. */
    public static Hub inMemory(String server, String version) {
        return new Hub(server, version, Journal.inline(new MemoryStore()), Hashing.WORKERS, Gate.defaults(), Rules.DEFAULTS);
    }
}
