package org.causerie.bench;

/**
 * What a scenario hears from its links. Called on the links' reader threads, thousands at once: every
 * method must be quick and thread-safe, and {@link #delivered} must not allocate (it runs millions of
 * times a second).
 */
interface LinkEvents {
    /** The server accepted the bot (IRC's 001, Causerie's nick change, Redis's PONG). */
    void registered(Link link);

    /** The bot is in {@code room} (IRC's end of NAMES, Causerie's own join, Redis's subscribe). */
    void joined(Link link, String room);

    /** A line carrying a payload from bot {@code sender}, sent at {@code stamp}, arrived at {@code now}. */
    void delivered(Link link, int sender, long stamp, long now);

    /** A line without payload arrived (replies, joins of others): the scenario waits for these to stop. */
    void chatter(Link link);

    /** The server said it is limiting this bot (slowed down, refused, disconnected for its rate): {@code what}. */
    void limited(Link link, String what);

    /** The link ended; {@code why} is null when the scenario closed it. */
    void closed(Link link, String why);
}
