package org.causerie.store;

/** The in-memory store is held to the same contract; "reopening" it hands back the same instance. */
class MemoryStoreTest extends StoreContract {
    private final MemoryStore memory = new MemoryStore();

    @Override
    protected Store open() {
        return memory;
    }
}
