package org.causerie.store;

/**
 * One entry of an account's block list: whom it ignores, by identity ({@code a<id>} for an account,
 * a guest's connection otherwise), and the nickname it was given as, to list it and to filter replays.
 */
public record Ignore(String identity, String nick) {}
