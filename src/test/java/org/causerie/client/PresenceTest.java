package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;

class PresenceTest {
    private final Presence presence = new Presence();

    private void see(Event... events) {
        for (Event event : events) {
            presence.observe(event);
        }
    }

    @Test
    void tracksItsOwnNicknameAndRoomsOnly() {
        see(new Event.Welcome("causerie", "dev", "guest-3", "#general"),
                new Event.Joined("#general", "guest-3"),
                new Event.Joined("#general", "ann"),
                new Event.NickChanged("#general", "guest-3", "zoe"),
                new Event.Joined("#lab", "zoe"),
                new Event.Joined("#tea", "zoe"),
                new Event.Parted("#tea", "zoe", ""),
                new Event.Parted("#lab", "ann", ""));
        assertThat(presence.self()).isEqualTo("zoe");
        assertThat(presence.rooms()).containsExactly("#general", "#lab");
        assertThat(presence.snapshot(null).restore()).containsExactly("/nick zoe", "/join #lab");
    }

    @Test
    void restoresTheCurrentRoomLastAndLeavesTheLobbyIfItWasLeft() {
        see(new Event.Welcome("causerie", "dev", "guest-3", "#general"),
                new Event.Joined("#general", "guest-3"),
                new Event.Joined("#lab", "guest-3"),
                new Event.Reply("join", "#general is now your current room"));
        assertThat(presence.snapshot(null).restore()).containsExactly("/join #lab", "/join #general");

        see(new Event.Parted("#general", "guest-3", ""));
        assertThat(presence.snapshot("wanted").restore()).containsExactly("/nick wanted", "/join #lab", "/part #general");
    }

    @Test
    void aNewWelcomeStartsOver() {
        see(new Event.Welcome("causerie", "dev", "guest-3", "#general"), new Event.Joined("#lab", "guest-3"),
                new Event.Welcome("causerie", "dev", "guest-4", "#general"));
        assertThat(presence.rooms()).isEmpty();
        assertThat(presence.isSelf("GUEST-4")).isTrue();
        assertThat(new Presence.Snapshot(null, null, List.of()).restore()).isEmpty();
    }
}
