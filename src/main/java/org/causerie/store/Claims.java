package org.causerie.store;

import java.time.Duration;
import java.util.Optional;

/**
 * What the nodes of a cluster share besides history: which nodes are alive, and nicknames held across the nodes of a cluster, each claim under a lease that its node renews: a node
 * that dies (or loses the database) loses its claims when the lease runs out, and another node may
 * then give the name away. Kept in the shared PostgreSQL database; the database's clock decides expiry,
 * so nodes' clocks need not agree.
 */
public interface Claims {

    /** Who holds a nickname: its spelling, the holder's identity, and the node it is connected to. */
    record Claim(String nick, String identity, String node) {}

    /**
     * Claims {@code nick} for {@code identity} on {@code node} for {@code lease}: true if nobody else
     * holds it (free, lapsed, or held by the same identity, on any node: an account with sessions on two
     * nodes). Two nodes claiming one free name at once: one wins.
     */
    boolean claim(String nick, String identity, String node, Duration lease);

    /** Gives up {@code node}'s claim of {@code nick}. */
    void release(String nick, String node);

    /** Removes {@code node}'s claims of names other than {@code nicks}; returns how many it removed. */
    int keepOnly(String node, java.util.Collection<String> nicks);

    /** Extends every claim of {@code node} by {@code lease} from now; returns how many it holds. */
    int renew(String node, Duration lease);

    /** The unlapsed holder of {@code nick} on another node than {@code node}, if any. */
    Optional<Claim> holderElsewhere(String nick, String node);

    /**
     * Removes the claims whose lease ran out and returns them, each to one caller only: whoever takes a
     * lapsed claim announces that its user is gone.
     */
    java.util.List<Claim> takeLapsed();

    /** A guest number no node of the cluster gave before. */
    long nextGuest();

    /** A node as it last said it was alive: its name and how many sessions it held. */
    record Node(String name, int sessions) {}

    /** Says that {@code node} is alive with {@code sessions} sessions; a node is listed while its lease runs. */
    void beat(String node, int sessions);

    /** The nodes that said they were alive within {@code lease}, by name. */
    java.util.List<Node> nodes(Duration lease);

    // Presence: who is in which room on which node (table room_members, migration V6)

    /** A member of a room as a node wrote it: the room and nickname as spelled, whose identity, on which node. */
    record Member(String room, String nick, String identity, String node) {}

    /** A room and how many people are in it on the live nodes other than the asker. */
    record Count(String room, int members) {}

    /** Writes that {@code member} is in its room, on its node (again: a no-op). */
    void present(Member member);

    /** Removes that {@code nick} is in {@code room} on {@code node}. */
    void absent(String room, String nick, String node);

    /** The members of {@code room} on the live nodes (said alive within {@code lease}) other than {@code node}. */
    java.util.List<Member> membersElsewhere(String room, String node, Duration lease);

    /** The rooms that have members on the live nodes other than {@code node}, with their counts of those members. */
    java.util.List<Count> roomsElsewhere(String node, Duration lease);

    /** The rooms where {@code identity} has a member on a live node other than {@code node}, by name. */
    java.util.List<String> roomsOf(String identity, String node, Duration lease);

    /** A member taken away by a sweep, and whether the same nickname is still in that room on a live node. */
    record Gone(Member member, boolean stillThere) {}

    /**
     * Removes and returns the members written by nodes other than {@code node} that have not said they are
     * alive within {@code lease} (dead, or cut off from the database): each to one caller only, so that one
     * node tells each quit.
     */
    java.util.List<Gone> takeGone(String node, Duration lease);

    /**
     * Removes and returns every member {@code node} wrote: its own rows of an earlier life, or of before a lapse.
     * Its marks of open rooms ({@link #opens}) go too: the caller writes its rooms' members again at once.
     */
    java.util.List<Member> takeOwn(String node);

    /**
     * Whether {@code node} opens the room called {@code room} anew: no other live node has it open (no member
     * row there, and no mark of this method). Decided once for the cluster: callers for one room are serialised
     * (an advisory lock on its name), and each leaves a mark for its stay {@code stay}, which a later caller
     * sees before either node has written a member. The mark stays until {@link #closed} or {@link #takeOwn}.
     */
    boolean opens(String room, String node, String stay, Duration lease);

    /** Removes {@code node}'s mark of its stay {@code stay} of the room: the room closed there. */
    void closed(String room, String node, String stay);
}
