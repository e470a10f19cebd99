package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;

class NicknamesTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ME = "me";
    private final Nicknames nicknames = new Nicknames();

    private void see(Event... events) {
        for (Event event : events) {
            nicknames.observe(event, ME);
        }
    }

    @Test
    void learnsFromJoinsMessagesAndWhoAnswers() {
        see(new Event.Joined("#general", "me"),
                new Event.Reply("who", "#general (3): me ann Bob", List.of("me", "ann", "Bob")),
                new Event.Joined("#general", "carol"),
                new Event.Message(1, T, "#general", "dave", "hi", false));
        assertThat(nicknames.all()).containsExactly("ann", "Bob", "carol", "dave", "me");
        assertThat(nicknames.complete("b")).containsExactly("Bob");
        assertThat(nicknames.complete("")).hasSize(5);
    }

    @Test
    void forgetsWhoPartsOrQuitsAndFollowsNickChanges() {
        see(new Event.Reply("who", "#general (4): me ann bob carol", List.of("me", "ann", "bob", "carol")),
                new Event.Parted("#general", "ann", ""),
                new Event.Quit("#general", "bob", "gone"),
                new Event.NickChanged("#general", "carol", "caroline"));
        assertThat(nicknames.all()).containsExactly("caroline", "me");
    }

    @Test
    void someoneWhoLeftOneRoomIsStillKnownFromAnother() {
        see(new Event.Joined("#a", "ann"), new Event.Joined("#b", "ann"), new Event.Parted("#a", "ann", null));
        assertThat(nicknames.complete("a")).containsExactly("ann");
        assertThat(nicknames.in("#a")).isEmpty();
    }

    @Test
    void leavingARoomForgetsItsMembers() {
        see(new Event.Joined("#a", "ann"), new Event.Joined("#a", "me"), new Event.Parted("#a", "me", null));
        assertThat(nicknames.all()).isEmpty();
    }

    @Test
    void privateCorrespondentsAreKeptUntilTheyQuit() {
        see(new Event.Private(1, T, "zoe", "me", "psst"));
        assertThat(nicknames.complete("z")).containsExactly("zoe");
        see(new Event.NickChanged("#x", "zoe", "zed"));
        assertThat(nicknames.complete("z")).containsExactly("zed");
        see(new Event.Quit("#x", "zed", "bye"));
        assertThat(nicknames.complete("z")).isEmpty();
    }

    @Test
    void aNewConnectionStartsFromScratch() {
        see(new Event.Joined("#a", "ann"), new Event.Welcome("causerie", "dev", "guest-9", "#general"));
        assertThat(nicknames.all()).isEmpty();
    }

    @Test
    void completionOffersCommandsFirstRoomsAfterHashAndNicknamesOtherwise() {
        var presence = new Presence();
        presence.observe(new Event.Welcome("causerie", "dev", "me", "#general"));
        presence.observe(new Event.Joined("#general", "me"));
        presence.observe(new Event.Joined("#lab", "me"));
        see(new Event.Joined("#general", "ann"), new Event.Joined("#general", "annie"));
        var vocabulary = new Vocabulary();
        vocabulary.observe(new Event.Reply("help", "commands ...", List.of("/help [COMMAND]", "/nick NAME",
                "/join ROOM [KEY]", "/msg NICK TEXT...", "/format text|json", "/quit [REASON...]")));
        vocabulary.observe(new Event.Reply("rooms", "2 rooms", List.of("#general", "#lounge")));
        var completions = new Completions(nicknames, presence, vocabulary, () -> { });

        assertThat(completions.words("/n", 0, "/n")).containsExactly("/nick");
        assertThat(completions.words("/", 0, "/")).containsExactly("/help", "/nick", "/join", "/msg", "/format", "/quit");
        assertThat(completions.words("/msg", 1, "an")).containsExactly("ann", "annie");
        assertThat(completions.words("hi", 2, "#l")).containsExactly("#lab", "#lounge");
        assertThat(completions.words("/join", 1, "")).containsExactly("#general", "#lab", "#lounge");
        assertThat(completions.words("/JOIN", 1, "l")).isEmpty(); // a room name starts with #
        assertThat(completions.words("AN", 0, "AN")).containsExactly("ann", "annie");
    }
}
