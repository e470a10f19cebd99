package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.causerie.store.Fixtures.NOW;
import static org.causerie.store.Fixtures.privateMessage;
import static org.causerie.store.Fixtures.roomMessages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.causerie.store.Entry.Offline;
import org.causerie.store.Entry.RoomMessage;
import org.junit.jupiter.api.Test;

/**
 * The contract on what moderation keeps: rooms' modes and people, server bans, block lists, and the
 * removal of messages from history. Run through {@link StoreContract} on every backend.
 */
interface ModerationContract {

    Store store();

    @Test
    default void aRoomsStateIsReplacedWholeAndGoesWithTheRoom() {
        Store store = store();
        long alice = store.createAccount("alice", "h").orElseThrow().id();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        store.saveRoom(new RoomRecord("#Den", alice, ""));
        assertThat(store.roomState("#den")).isEmpty();

        var first = new RoomState("#Den", true, true, false, "s3cret 'key'", Set.of(alice, bob), Set.of(bob),
                Set.of(bob), Set.of("troll*", "b?d"));
        store.saveRoomState(first);
        assertThat(store.roomState("#DEN")).contains(first);

        var second = new RoomState("#DEN", false, true, true, null, Set.of(alice), Set.of(), Set.of(), Set.of("x"));
        store.saveRoomState(second);
        assertThat(store.roomState("#den")).contains(new RoomState("#Den", false, true, true, null, Set.of(alice),
                Set.of(), Set.of(), Set.of("x")));

        // A room with no owner (the lobby) keeps its state too.
        var lobby = new RoomState("#general", false, true, false, null, Set.of(), Set.of(), Set.of(), Set.of());
        store.saveRoomState(lobby);
        assertThat(store.roomState("#general")).contains(lobby);

        store.deleteRoom("#den");
        assertThat(store.roomState("#den")).isEmpty();
        assertThat(store.roomState("#general")).contains(lobby);
    }

    @Test
    default void serverBansAreSetReplacedListedAndLifted() {
        Store store = store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var network = new ServerBan(ServerBan.Kind.NETWORK, "2001:db8:1:2::/64", "spam", "root", now, null);
        var account = new ServerBan(ServerBan.Kind.ACCOUNT, "mallory", "", "root", now.plusMillis(1),
                now.plusSeconds(3600));
        store.saveServerBan(network);
        store.saveServerBan(account);
        assertThat(store.serverBans()).containsExactly(network, account);

        var longer = new ServerBan(ServerBan.Kind.NETWORK, "2001:db8:1:2::/64", "more spam", "admin",
                now.plusMillis(2), now.plusSeconds(60));
        store.saveServerBan(longer);
        assertThat(store.serverBans()).containsExactly(account, longer);

        // One target may be banned as an account and as a network independently.
        assertThat(store.deleteServerBan(ServerBan.Kind.ACCOUNT, "2001:db8:1:2::/64")).isFalse();
        assertThat(store.deleteServerBan(ServerBan.Kind.ACCOUNT, "MALLORY")).isTrue();
        assertThat(store.deleteServerBan(ServerBan.Kind.ACCOUNT, "mallory")).isFalse();
        assertThat(store.serverBans()).containsExactly(longer);
    }

    @Test
    default void blockListsKeepTheirOrderAndHoldEachIdentityOnce() {
        Store store = store();
        long alice = store.createAccount("alice", "h").orElseThrow().id();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        assertThat(store.ignores(alice)).isEmpty();
        assertThat(store.ignore(alice, new Ignore("a" + bob, "bob"))).isTrue();
        assertThat(store.ignore(alice, new Ignore("gxyz.7", "guest-7"))).isTrue();
        assertThat(store.ignore(alice, new Ignore("a" + bob, "Bob"))).isFalse();
        assertThat(store.ignores(alice)).containsExactly(new Ignore("a" + bob, "bob"), new Ignore("gxyz.7", "guest-7"));
        assertThat(store.ignores(bob)).isEmpty();

        assertThat(store.unignore(alice, "a" + bob)).isTrue();
        assertThat(store.unignore(alice, "a" + bob)).isFalse();
        assertThat(store.ignores(alice)).containsExactly(new Ignore("gxyz.7", "guest-7"));
    }

    @Test
    default void oneRoomMessageIsRemoved() {
        Store store = store();
        store.append(new ArrayList<>(roomMessages("#Den", 1, 3)));
        assertThat(store.deleteRoomMessage("#DEN", 2)).isTrue();
        assertThat(store.deleteRoomMessage("#den", 2)).isFalse();
        assertThat(store.deleteRoomMessage("#elsewhere", 1)).isFalse();
        assertThat(store.roomAfter("#den", 0, 10).messages()).extracting(RoomMessage::id).containsExactly(1L, 3L);
        assertThat(store.lastRoomId("#den")).isEqualTo(3);
    }

    @Test
    default void everythingASenderWroteIsRemovedInOneRoomOrEverywhere() {
        Store store = store();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        var entries = new ArrayList<Entry>();
        entries.add(new RoomMessage("#a", 1, NOW, "Spammer", "buy", false));
        entries.add(new RoomMessage("#a", 2, NOW, "alice", "hi", false));
        entries.add(new RoomMessage("#b", 1, NOW, "spammer", "buy", true));
        String sb = Store.conversation("spammer", "bob");
        entries.add(privateMessage(sb, 1, "SPAMMER", "bob"));
        entries.add(new Offline(bob, sb, 1)); // still queued: the mark goes with the message
        entries.add(privateMessage(sb, 2, "bob", "spammer"));
        store.append(entries);

        assertThat(store.deleteMessagesFrom("spammer", "#A")).isEqualTo(1);
        assertThat(store.roomAfter("#a", 0, 10).messages()).extracting(RoomMessage::from).containsExactly("alice");
        assertThat(store.roomAfter("#b", 0, 10).messages()).hasSize(1);

        assertThat(store.deleteMessagesFrom("sPaMmEr", null)).isEqualTo(2);
        assertThat(store.roomAfter("#b", 0, 10).messages()).isEmpty();
        assertThat(store.privateAfter(sb, 0, 10).messages()).extracting(Entry.PrivateMessage::from)
                .containsExactly("bob");
        assertThat(store.takeOffline(bob)).isEmpty();
        assertThat(store.roomAfter("#a", 0, 10).messages()).hasSize(1);
        assertThat(store.deleteMessagesFrom("nobody", null)).isZero();
    }
}
