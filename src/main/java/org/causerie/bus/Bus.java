package org.causerie.bus;

import java.util.function.Consumer;

/**
 * How the events one node commits reach every node, itself included. The hub publishes each committed
 * event once ({@link #publish}); every node's receiver gets it and delivers it to its own sessions.
 *
 * <p>Obligations of an implementation: {@link #publish} never blocks on a slow or absent peer (the
 * caller is the journal's committer); it hands the note to this node's receiver before it returns, in
 * the caller's thread, so a single node keeps its order and speed without a hop; it never hands a node
 * its own note twice. Across nodes nothing is promised: a note may come late or never, which the
 * receiver repairs from the store with the note's sequence number.
 */
public interface Bus extends AutoCloseable {

    /** Sets the receiver of every note, this node's and the others'; called once, before the first publish. */
    void receive(Consumer<Note> receiver);

    /** Hands {@code note} to this node's receiver, then to the other nodes'. */
    void publish(Note note);

    /** This node's name, written into the notes it publishes. */
    String node();

    /** Whether notes from other nodes may come: false for the local bus, where nothing needs repair. */
    boolean shared();

    @Override
    void close();
}
