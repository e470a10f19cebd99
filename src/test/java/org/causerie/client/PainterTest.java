package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.causerie.event.Event;
import org.causerie.protocol.TextCodec;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class PainterTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle BLUE = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle MAGENTA = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle YELLOW_DIM = AttributedStyle.DEFAULT.faint().foreground(AttributedStyle.YELLOW);

    @Test
    void eachKindHasItsColour() {
        assertThat(Kind.ROOM.style()).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(Kind.PRIVATE.style()).isEqualTo(MAGENTA);
        assertThat(Kind.EVENT.style()).isEqualTo(YELLOW_DIM);
        assertThat(Kind.REPLY.style()).isEqualTo(GREEN);
        assertThat(Kind.ERROR.style()).isEqualTo(RED);
        assertThat(Kind.NOTICE.style()).isEqualTo(BLUE);
        assertThat(Kind.NICK).isEqualTo(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
    }

    @Test
    void eventsMapToKinds() {
        assertThat(Kind.of(new Event.Private(1, T, "ann", "bob", "hi"))).isEqualTo(Kind.PRIVATE);
        assertThat(Kind.of(new Event.Joined("#a", "ann"))).isEqualTo(Kind.EVENT);
        assertThat(Kind.of(new Event.Parted("#a", "ann", ""))).isEqualTo(Kind.EVENT);
        assertThat(Kind.of(new Event.Quit("#a", "ann", "bye"))).isEqualTo(Kind.EVENT);
        assertThat(Kind.of(new Event.NickChanged("#a", "ann", "anna"))).isEqualTo(Kind.EVENT);
        assertThat(Kind.of(new Event.TopicChanged("#a", "ann", "t"))).isEqualTo(Kind.EVENT);
        assertThat(Kind.of(new Event.Reply("calc", "42"))).isEqualTo(Kind.REPLY);
        assertThat(Kind.of(new Event.Error("nick", "nick-taken", "taken"))).isEqualTo(Kind.ERROR);
        assertThat(Kind.of(new Event.Notice("shutting down"))).isEqualTo(Kind.NOTICE);
        assertThat(Kind.of(new Event.Welcome("causerie", "dev", "guest-1", "#general"))).isEqualTo(Kind.NOTICE);
    }

    @Test
    void textLinesMapToKindsByTheirMarker() {
        assertThat(Kind.ofLine("#general <ann> hi")).isEqualTo(Kind.ROOM);
        assertThat(Kind.ofLine("@ ann -> bob: hi")).isEqualTo(Kind.PRIVATE);
        assertThat(Kind.ofLine("* #general: ann joined")).isEqualTo(Kind.EVENT);
        assertThat(Kind.ofLine("= 42")).isEqualTo(Kind.REPLY);
        assertThat(Kind.ofLine("! bad-nick: no")).isEqualTo(Kind.ERROR);
        assertThat(Kind.ofLine("- welcome")).isEqualTo(Kind.NOTICE);
        assertThat(Kind.ofLine("{\"type\":\"reply\"}")).isNull();
        assertThat(Kind.ofLine("")).isNull();
    }

    @Test
    void aPaintedEventReadsAsTheTextFormatInItsKindsColour() {
        var error = new Event.Error("nick", "nick-taken", "the nickname ann is taken");
        AttributedString painted = Painter.paint(error);
        assertThat(painted.toString()).isEqualTo(TextCodec.render(error));
        assertThat(painted.styleAt(0)).isEqualTo(RED);
        assertThat(painted.styleAt(painted.length() - 1)).isEqualTo(RED);

        assertThat(Painter.paint(new Event.Reply("calc", "42")).styleAt(0)).isEqualTo(GREEN);
        assertThat(Painter.paint(new Event.Private(1, T, "ann", "bob", "psst")).styleAt(0)).isEqualTo(MAGENTA);
        assertThat(Painter.paint(new Event.Joined("#a", "ann")).styleAt(0)).isEqualTo(YELLOW_DIM);
        assertThat(Painter.paint(new Event.Notice("hello")).styleAt(0)).isEqualTo(BLUE);
    }

    @Test
    void aRoomMessageHasItsSenderInBoldCyan() {
        // The sender's name also occurs in the room name and the text: only the sender is coloured.
        var message = new Event.Message(7, T, "#ann", "ann", "ann says hi", false);
        AttributedString painted = Painter.paint(message);
        assertThat(painted.toString()).isEqualTo("#ann <ann> ann says hi");
        assertThat(nickStyled(painted)).isEqualTo("ann");

        AttributedString action = Painter.paint(new Event.Message(8, T, "#a", "bob", "waves", true));
        assertThat(action.toString()).isEqualTo("#a * bob waves");
        assertThat(nickStyled(action)).isEqualTo("bob");
    }

    @Test
    void aTextRoomMessageHasItsSenderInBoldCyanToo() {
        AttributedString painted = Painter.paintLine("#general <zoe> a <b> c");
        assertThat(nickStyled(painted)).isEqualTo("zoe");
        assertThat(Painter.paintLine("= 42").styleAt(0)).isEqualTo(GREEN);
        assertThat(Painter.paintLine("something else").styleAt(0)).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void aMultiLineReplyKeepsItsMarkerAndColourOnEveryLine() {
        AttributedString painted = Painter.paint(new Event.Reply("help", "one\ntwo", List.of()));
        assertThat(painted.toString()).isEqualTo("= one\n= two");
        assertThat(painted.styleAt(painted.length() - 1)).isEqualTo(GREEN);
    }

    private static String nickStyled(AttributedString line) {
        var out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            if (line.styleAt(i).equals(Kind.NICK)) {
                out.append(line.charAt(i));
            }
        }
        return out.toString();
    }
}
