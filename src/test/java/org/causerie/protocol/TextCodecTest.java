package org.causerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextCodecTest {
    static final Instant TS = Instant.parse("2025-03-01T12:34:56.789Z");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new Event.Message(1, TS, "#general", "alice", "hello there", false),
                        "#general <alice> hello there"),
                Arguments.of(new Event.Message(2, TS, "#general", "alice", "waves", true),
                        "#general * alice waves"),
                Arguments.of(new Event.Private(3, TS, "alice", "bob", "psst"), "@ alice -> bob: psst"),
                Arguments.of(new Event.Joined("#general", "bob"), "* #general: bob joined"),
                Arguments.of(new Event.Parted("#general", "bob", "lunch"), "* #general: bob left (lunch)"),
                Arguments.of(new Event.Parted("#general", "bob", null), "* #general: bob left"),
                Arguments.of(new Event.Parted("#general", "bob", ""), "* #general: bob left"),
                Arguments.of(new Event.Quit("#general", "bob", "fin"), "* #general: bob quit (fin)"),
                Arguments.of(new Event.Quit("#general", "bob", null), "* #general: bob quit"),
                Arguments.of(new Event.NickChanged("#general", "bob", "robert"), "* #general: bob is now robert"),
                Arguments.of(new Event.NickChanged(null, "bob", "robert"), "* you are now robert"),
                Arguments.of(new Event.TopicChanged("#general", "bob", "cats"), "* #general: bob set the topic: cats"),
                Arguments.of(new Event.TopicChanged("#general", "bob", ""), "* #general: bob cleared the topic"),
                Arguments.of(new Event.TopicChanged("#general", null, "cats"), "* #general: the topic is: cats"),
                Arguments.of(new Event.Reply("ping", "pong"), "= pong"),
                Arguments.of(new Event.Error("join", "bad-room", "a room name starts with #"),
                        "! bad-room: a room name starts with #"),
                Arguments.of(new Event.Error(null, "no-room", "you are in no room"), "! no-room: you are in no room"),
                Arguments.of(new Event.Notice("server going down"), "- server going down"),
                Arguments.of(new Event.Welcome("causerie", "1.0", "guest-1", "#general"),
                        "- welcome to causerie 1.0: you are guest-1 in #general (/help lists the commands)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void rendersEachKind(Event event, String expected) {
        assertThat(TextCodec.render(event)).isEqualTo(expected);
        assertThat(Format.TEXT.render(event)).isEqualTo(expected);
    }

    @Test
    void aMultiLineReplyMarksEveryLine() {
        var reply = new Event.Reply("rooms", "2 rooms\n#a (1 member)\n#b (2 members)", List.of("#a", "#b"));
        assertThat(TextCodec.render(reply)).isEqualTo("""
                = 2 rooms
                = #a (1 member)
                = #b (2 members)""");
    }

    @Test
    void aMultiLineNoticeMarksEveryLine() {
        assertThat(TextCodec.render(new Event.Notice("one\ntwo"))).isEqualTo("- one\n- two");
    }

    @Test
    void encodeEndsWithANewlineAndIsSharedByEveryRecipient() {
        var envelope = new Envelope(new Event.Reply("rooms", "a\nb"));
        byte[] first = Format.TEXT.encode(envelope);
        assertThat(first).asString(java.nio.charset.StandardCharsets.UTF_8).isEqualTo("= a\n= b\n");
        assertThat(Format.TEXT.encode(envelope)).isSameAs(first);
    }

    @Test
    void encodeIsUtf8() {
        var envelope = new Envelope(new Event.Notice("été 中"));
        assertThat(Format.TEXT.encode(envelope))
                .isEqualTo("- été 中\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void replayedAndMissedMessagesShowWhenTheyWereSentAndLiveOnesDoNot() {
        var live = new Event.Message(1, Instant.parse("2026-03-01T09:05:00Z"), "#general", "alice", "hi", false);
        assertThat(TextCodec.render(live)).isEqualTo("#general <alice> hi");
        assertThat(TextCodec.render(live.as(Event.Delivery.HISTORY))).isEqualTo("#general [2026-03-01 09:05] <alice> hi");
        assertThat(TextCodec.render(live.as(Event.Delivery.MISSED))).isEqualTo("#general [2026-03-01 09:05] <alice> hi");
        var missed = new Event.Private(2, Instant.parse("2026-03-01T09:06:00Z"), "alice", "bob", "psst", Event.Delivery.MISSED);
        assertThat(TextCodec.render(missed)).isEqualTo("@ [2026-03-01 09:06] alice -> bob: psst (while you were away)");
    }
}
