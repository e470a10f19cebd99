package org.causerie.store;

/** A room that lasts: owned by an account, kept with its topic across restarts. */
public record RoomRecord(String name, long ownerAccountId, String topic) {}
