package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;

/** The catch-up after a reconnection, fed the events of the wire in every order the server may send them. */
class CatchUpTest {
    private final CatchUp catchUp = new CatchUp();
    private final List<String> shown = new ArrayList<>();

    private static Event.Message live(String room, long id) {
        return new Event.Message(id, Instant.EPOCH, room, "bob", "m" + id, false);
    }

    private static Event.Message history(String room, long id) {
        return live(room, id).as(Event.Delivery.HISTORY);
    }

    private void see(Event... events) {
        for (Event event : events) {
            for (Event out : catchUp.filter(event)) {
                shown.add(out instanceof Event.Message m ? m.room() + ":" + m.id() : out.toString());
            }
        }
    }

    @Test
    void replaysAreDroppedMissedMessagesShownOnceInOrderAndLiveOnesHeldUntilTheAnswer() {
        see(live("#lab", 4), live("#lab", 5), live("#general", 2));
        shown.clear();

        assertThat(catchUp.plan(List.of("#general", "#lab")))
                .containsExactly("/ping", "/history #general after 2 500", "/history #lab after 5 500");
        see(history("#general", 1), history("#general", 2), new Event.Joined("#lab", "ann"));
        see(history("#lab", 3), history("#lab", 4), history("#lab", 5), history("#lab", 6), history("#lab", 7));
        see(live("#lab", 8)); // live before the catch-up has answered: held
        see(new Event.Reply("ping", "pong"));
        see(new Event.Reply("history", "no messages of #general after 2"));
        see(history("#lab", 6), live("#lab", 9), history("#lab", 7));
        see(new Event.Reply("history", "2 messages of #lab (6-7)"));
        see(live("#lab", 10), new Event.Reply("history", "2 messages of #lab (1-2)")); // the user's own, later

        assertThat(shown).containsExactly("Joined[room=#lab, nick=ann]", "#lab:6", "#lab:7",
                "Reply[command=history, text=2 messages of #lab (6-7), items=[], operators=[], voiced=[]]", "#lab:8", "#lab:9", "#lab:10",
                "Reply[command=history, text=2 messages of #lab (1-2), items=[], operators=[], voiced=[]]");
        assertThat(catchUp.lastSeen("#lab")).isEqualTo(10);
    }

    @Test
    void aRefusedCatchUpReleasesWhatItHeld() {
        see(live("#lab", 1));
        catchUp.plan(List.of("#lab"));
        see(live("#lab", 2), new Event.Reply("ping", "pong"), new Event.Error("history", "no-such-room", "x"));
        assertThat(shown).containsExactly("#lab:1", "#lab:2");
    }

    @Test
    void withNothingToRejoinItAsksNothingAndShowsEverything() {
        assertThat(catchUp.plan(List.of())).isEmpty();
        see(history("#general", 1), new Event.Reply("ping", "pong"));
        assertThat(shown).containsExactly("#general:1", "Reply[command=ping, text=pong, items=[], operators=[], voiced=[]]");
    }

    @Test
    void aLobbyReplayedInTextBeforeTheSwitchToJsonIsDroppedToo() {
        catchUp.plan(List.of("#general"));
        assertThat(catchUp.replayed("#general [2026-11-21 17:51] <alice> hello")).isTrue();
        assertThat(catchUp.replayed("#general <alice> hello")).isFalse(); // live
        assertThat(catchUp.replayed("#lab [2026-11-21 17:51] <alice> hello")).isFalse(); // not catching up
        see(new Event.Reply("ping", "pong"));
        assertThat(catchUp.replayed("#general [2026-11-21 17:51] <alice> hello")).isFalse(); // the answer now
    }

    @Test
    void aRefusedRejoinShowsTheRefusalAndNothingOfTheRoom() {
        see(live("#den", 3), live("#lab", 1));
        shown.clear();
        catchUp.plan(List.of("#den", "#lab"));
        see(new Event.Error("join", "banned", "you are banned from #den (ann)"), new Event.Reply("ping", "pong"));
        see(history("#den", 4), new Event.Reply("history", "1 message of #den (4-4)"));
        see(history("#lab", 2), new Event.Reply("history", "1 message of #lab (2-2)"));
        assertThat(shown).containsExactly("Error[command=join, code=banned, text=you are banned from #den (ann)]",
                "#lab:2", "Reply[command=history, text=1 message of #lab (2-2), items=[], operators=[], voiced=[]]");
    }
}
