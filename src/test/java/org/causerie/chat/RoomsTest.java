package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.causerie.auth.HashWorkers;
import org.causerie.auth.Passwords;
import org.causerie.store.MemoryStore;
import org.causerie.store.RoomRecord;
import org.causerie.store.RoomState;
import org.junit.jupiter.api.Test;

/** The registry of rooms in process: which rooms stay, which close, and who is left in them. */
class RoomsTest {
    private static final HashWorkers HASHING = new HashWorkers(new Passwords(), 1, 64);
    private final Hub hub = TestHubs.inMemory("causerie", "test");

    @Test
    void aGuestRoomStaysWhileAMemberIsLeftAndClosesWithTheLast() {
        var toAlice = new JournalTest.Heard();
        var toCarol = new JournalTest.Heard();
        Session alice = HubStressTest.seated(hub, toAlice);
        Session bob = HubStressTest.seated(hub, new JournalTest.Heard());
        Session carol = HubStressTest.seated(hub, toCarol);
        hub.join(alice, "#x");
        hub.join(bob, "#x");

        hub.part(bob, "#x", null);
        hub.join(carol, "#x"); // the room alice is still in, not a fresh one
        hub.say(alice, "#x", "still here", false);

        assertThat(toCarol.texts()).containsExactly("still here");
        hub.part(alice, "#x", null);
        hub.part(carol, "#x", null);
        assertThat(hub.rooms()).extracting(Room::name).doesNotContain("#x");
    }

    @Test
    void theLobbyStaysWhenItsLastMemberLeaves() {
        Session alice = HubStressTest.seated(hub, new JournalTest.Heard());
        hub.part(alice, Hub.LOBBY, null);

        assertThat(hub.rooms()).extracting(Room::name).contains(Hub.LOBBY);
    }

    @Test
    void roomsAreListedByNameWhateverTheirCase() {
        Session alice = HubStressTest.seated(hub, new JournalTest.Heard());
        hub.join(alice, "#b");
        hub.join(alice, "#C");
        hub.join(alice, "#a");

        assertThat(hub.rooms()).extracting(Room::name).containsExactly("#a", "#b", "#C", Hub.LOBBY);
    }

    @Test
    void lastingRoomsAndTheLobbyOpenWithTheModerationTheStoreKept() {
        var store = new MemoryStore();
        long owner = store.createAccount("owner", "-").orElseThrow().id();
        store.saveRoom(new RoomRecord("#den", owner, ""));
        store.saveRoomState(new RoomState("#den", true, false, false, null, Set.of(), Set.of(), Set.of(), Set.of()));
        store.saveRoomState(new RoomState(Hub.LOBBY, false, false, false, null, Set.of(), Set.of(), Set.of(), Set.of()));
        var kept = new Hub("causerie", "test", Journal.inline(store), HASHING, Gate.defaults(), Rules.DEFAULTS);
        Session guest = HubStressTest.seated(kept, new JournalTest.Heard());

        assertThatThrownBy(() -> kept.join(guest, "#den")).isInstanceOfSatisfying(ChatException.class,
                refused -> assertThat(refused.code()).isEqualTo("invite-only"));
        kept.topic(guest, Hub.LOBBY, "the lobby's topic is open here"); // kept -t: a guest may set it
    }

    @Test
    void aRoomMadeForARefusedJoinDoesNotStay() {
        Session alice = HubStressTest.seated(hub, new JournalTest.Heard());

        assertThatThrownBy(() -> hub.join(alice, "#new", "key")).isInstanceOfSatisfying(ChatException.class,
                refused -> assertThat(refused.code()).isEqualTo("no-key"));
        assertThat(hub.rooms()).extracting(Room::name).containsExactly(Hub.LOBBY);
    }
}
