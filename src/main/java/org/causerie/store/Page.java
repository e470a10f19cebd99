package org.causerie.store;

import java.util.List;

/**
 * A page of history, oldest first. {@code firstRetained} is the id of the oldest message the store
 * still has for that room or conversation (0 when it has none): a reader who asked for messages after
 * an id below {@code firstRetained - 1} knows that retention dropped some, and can say so.
 */
public record Page<T>(List<T> messages, long firstRetained) {}
