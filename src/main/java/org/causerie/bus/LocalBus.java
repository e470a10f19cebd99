package org.causerie.bus;

import java.util.function.Consumer;

/**
 * The bus of a single node: a publish is a call to the receiver, in the committer's thread, as the hub
 * delivered before the bus existed. Nothing crosses a process, so nothing is ever missing.
 */
public final class LocalBus implements Bus {
    private final String node;
    /** Set once by {@link #receive} before any publish. */
    private volatile Consumer<Note> receiver = note -> { };

    public LocalBus(String node) {
        this.node = node;
    }

    @Override
    public void receive(Consumer<Note> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void publish(Note note) {
        receiver.accept(note);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }
}
