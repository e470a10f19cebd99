package org.causerie.store;

import java.time.Instant;

/** A registered nickname; {@code nick} keeps the spelling it was registered with. */
public record Account(long id, String nick, String passwordHash, Instant created) {}
