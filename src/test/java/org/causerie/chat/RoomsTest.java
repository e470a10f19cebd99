package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The registry of rooms in process: which rooms stay, which close, and who is left in them. */
class RoomsTest {
    private final Hub hub = new Hub("causerie", "test");

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
}
