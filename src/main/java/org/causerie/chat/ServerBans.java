package org.causerie.chat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.causerie.audit.Audit;
import org.causerie.store.ServerBan;
import org.causerie.store.Store;

/**
 * Server-wide bans, set by server operators: a network is refused at connect, an account at login, on
 * every door (the hub checks both: {@link Hub#connect} and {@link Accounts}). Setting a ban also ends
 * the sessions it matches. Bans are written to the store and read back at start, so they outlast a
 * restart; a lapsed ban is dropped when it is next met.
 */
public final class ServerBans {
    /** A ban with its network parsed once; immutable. */
    private record Active(ServerBan ban, Network network) {}

    private final Store store;
    private final Nicks nicks;
    private final Rules rules;
    private final Clock clock;
    /** Read on every connection and login, changed by operators: copy-on-write. */
    private final CopyOnWriteArrayList<Active> bans = new CopyOnWriteArrayList<>();

    ServerBans(Store store, Nicks nicks, Rules rules, Clock clock) {
        this.store = store;
        this.nicks = nicks;
        this.rules = rules;
        this.clock = clock;
        for (ServerBan ban : store.serverBans()) {
            bans.add(active(ban));
        }
    }

    /** Throws {@code banned} if a ban covers {@code address}; null is a session with no connection. */
    void checkAddress(InetAddress address) {
        if (address == null) {
            return;
        }
        for (Active active : current()) {
            if (active.network() != null && active.network().contains(address)) {
                throw refusal(active.ban());
            }
        }
    }

    /** Throws {@code banned} if the account called {@code nick} is banned. */
    void checkAccount(String nick) {
        String key = Names.fold(nick);
        for (Active active : current()) {
            if (active.network() == null && active.ban().target().equals(key)) {
                throw refusal(active.ban());
            }
        }
    }

    /**
     * Bans {@code target}: a network or an address, a registered account's nickname, or the nickname of
     * a connected guest (whose addresses are banned). {@code length} null is for ever. Returns the bans set.
     */
    public List<ServerBan> ban(Session actor, String target, Duration length, String reason) {
        requireOperator(actor);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = length == null ? null : now.plus(length);
        var set = new ArrayList<ServerBan>();
        if (target.matches("[0-9A-Fa-f.:/]+") && (target.contains(".") || target.contains(":"))) {
            set.add(new ServerBan(ServerBan.Kind.NETWORK, Network.parse(target).toString(), reason, actor.nick(), now,
                    expires));
        } else if (store.findAccount(target).isPresent()) {
            set.add(new ServerBan(ServerBan.Kind.ACCOUNT, Names.fold(store.findAccount(target).get().nick()), reason,
                    actor.nick(), now, expires));
        } else {
            for (Session guest : nicks.sessions(target)) {
                if (guest.address() != null) {
                    set.add(new ServerBan(ServerBan.Kind.NETWORK, Network.of(guest.address()).toString(), reason,
                            actor.nick(), now, expires));
                }
            }
            if (set.isEmpty()) {
                throw new ChatException("no-such-nick", "nobody is called " + target
                        + ": ban an account, a connected guest, an address or a network");
            }
        }
        for (ServerBan ban : set) {
            if (ban.kind() == ServerBan.Kind.ACCOUNT && rules.isOperatorName(ban.target())) {
                throw new ChatException("bad-target", "server operators cannot be banned");
            }
        }
        for (ServerBan ban : set) {
            store.saveServerBan(ban);
            Active active = active(ban);
            bans.removeIf(a -> a.ban().kind() == ban.kind() && a.ban().target().equals(ban.target()));
            bans.add(active);
            Audit.event("server_ban", "by", actor.nick(), "kind", kind(ban), "target", ban.target(), "until",
                    ban.expires() == null ? "never" : ban.expires(), "reason", reason);
            for (Session session : nicks.everyone()) {
                if (matches(active, session) && !rules.isOperator(session)) {
                    session.end("banned from the server" + (reason.isEmpty() ? "" : ": " + reason));
                }
            }
        }
        return set;
    }

    /** Lifts the ban of {@code target} (a network, an address or an account's nickname). */
    public ServerBan unban(Session actor, String target) {
        requireOperator(actor);
        boolean network = target.contains(".") || target.contains(":");
        String key = network ? Network.parse(target).toString() : Names.fold(target);
        ServerBan.Kind kind = network ? ServerBan.Kind.NETWORK : ServerBan.Kind.ACCOUNT;
        for (Active active : bans) {
            if (active.ban().kind() == kind && active.ban().target().equals(key)) {
                store.deleteServerBan(kind, key);
                bans.remove(active);
                Audit.event("server_unban", "by", actor.nick(), "kind", kind(active.ban()), "target", key);
                return active.ban();
            }
        }
        throw new ChatException("no-such-ban", "no server ban of " + key);
    }

    /** The bans in force, oldest first. */
    public List<ServerBan> list(Session actor) {
        requireOperator(actor);
        return current().stream().map(Active::ban).toList();
    }

    /** The bans in force; lapsed ones are dropped from memory and from the store. */
    private List<Active> current() {
        Instant now = clock.instant();
        List<Active> lapsed = bans.stream().filter(a -> a.ban().lapsed(now)).toList();
        for (Active gone : lapsed) {
            if (bans.remove(gone)) {
                store.deleteServerBan(gone.ban().kind(), gone.ban().target());
            }
        }
        return lapsed.isEmpty() ? bans : bans.stream().filter(a -> !a.ban().lapsed(now)).toList();
    }

    private static boolean matches(Active active, Session session) {
        if (active.network() != null) {
            return session.address() != null && active.network().contains(session.address());
        }
        return session.account() != null && Names.fold(session.account().nick()).equals(active.ban().target());
    }

    private static Active active(ServerBan ban) {
        return new Active(ban, ban.kind() == ServerBan.Kind.NETWORK ? Network.parse(ban.target()) : null);
    }

    private static String kind(ServerBan ban) {
        return ban.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ChatException refusal(ServerBan ban) {
        return new ChatException("banned", "you are banned from this server"
                + (ban.expires() == null ? "" : " until " + ban.expires().truncatedTo(ChronoUnit.SECONDS))
                + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
    }

    private void requireOperator(Session actor) {
        if (!rules.isOperator(actor)) {
            throw new ChatException("not-server-operator", "only server operators may do that");
        }
    }
}
