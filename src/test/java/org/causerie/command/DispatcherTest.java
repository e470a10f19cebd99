package org.causerie.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.causerie.calc.Calculator;
import org.causerie.chat.TestHubs;
import org.causerie.event.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.chat.Sink;
import org.causerie.protocol.Format;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher driven with in-memory sessions: no socket, no thread. */
class DispatcherTest {

    /** Collects what the hub queues for one session. */
    static final class Recorder implements Sink {
        final List<Event> events = new ArrayList<>();

        @Override
        public void send(org.causerie.event.Envelope envelope) {
            events.add(envelope.event());
        }

        List<Event> take() {
            var taken = List.copyOf(events);
            events.clear();
            return taken;
        }
    }

    /** Records what commands ask of the connection. */
    static final class RecordingPeer implements Peer {
        final List<Format> formats = new ArrayList<>();
        final List<String> quits = new ArrayList<>();

        @Override
        public void format(Format format) {
            formats.add(format);
        }

        @Override
        public void quit(String reason) {
            quits.add(reason);
        }

        @Override
        public java.net.InetAddress address() {
            return java.net.InetAddress.getLoopbackAddress();
        }
    }

    private final Hub hub = TestHubs.inMemory("causerie", "test");
    private final Dispatcher dispatcher = new Dispatcher(Commands.standard(new Calculator()));
    private final Recorder sink = new Recorder();
    private final RecordingPeer peer = new RecordingPeer();
    private Session session;
    private Context context;

    @BeforeEach
    void connect() {
        session = hub.connect(sink);
        hub.seat(session); // as the line door does after the first line
        context = new Context(session, hub, peer, dispatcher.commands(), null);
        assertThat(sink.take()).containsExactly(
                new Event.Welcome("causerie", "test", session.nick(), Hub.LOBBY),
                new Event.Joined(Hub.LOBBY, session.nick()));
    }

    private List<Event> send(String line) {
        dispatcher.handle(context, line);
        return sink.take();
    }

    @Test
    void anUnknownCommandIsAnError() {
        assertThat(send("/nope some args")).containsExactly(
                new Event.Error("nope", "unknown-command", "there is no command /nope; /help lists them"));
        assertThat(send("/NOPE")).extracting(e -> ((Event.Error) e).command()).containsExactly("nope");
    }

    @Test
    void badUsageQuotesTheUsage() {
        assertThat(send("/join")).containsExactly(new Event.Error("join", "bad-usage", "usage: /join ROOM [KEY]"));
        assertThat(send("/ping now")).containsExactly(new Event.Error("ping", "bad-usage", "usage: /ping"));
        assertThat(send("/msg bob")).containsExactly(new Event.Error("msg", "bad-usage", "usage: /msg NICK TEXT..."));
        assertThat(peer.quits).isEmpty();
    }

    @Test
    void aCommandRunsAndReplies() {
        assertThat(send("/PING")).containsExactly(new Event.Reply("ping", "pong"));
        assertThat(send("/echo  two  spaces")).containsExactly(new Event.Reply("echo", "two  spaces"));
        assertThat(send("/calc 6 * 7")).containsExactly(new Event.Reply("calc", "42"));
    }

    @Test
    void finQuitsWithTheReasonFin() {
        assertThat(send("  fin ")).containsExactly(new Event.Reply("quit", "bye"));
        assertThat(peer.quits).containsExactly("fin");
    }

    @Test
    void quitTakesItsReason() {
        assertThat(send("/quit see you")).containsExactly(new Event.Reply("quit", "bye"));
        assertThat(send("/quit")).containsExactly(new Event.Reply("quit", "bye"));
        assertThat(peer.quits).containsExactly("see you", "quit");
    }

    @Test
    void formatSwitchesThePeer() {
        assertThat(send("/format json")).containsExactly(new Event.Reply("format", "format is now json"));
        assertThat(send("/format TEXT")).containsExactly(new Event.Reply("format", "format is now text"));
        assertThat(peer.formats).containsExactly(Format.JSON, Format.TEXT);
    }

    @Test
    void anUnknownFormatIsRefusedAndChangesNothing() {
        assertThat(send("/format xml")).containsExactly(
                new Event.Error("format", "bad-format", "the formats are text and json, not xml"));
        assertThat(peer.formats).isEmpty();
    }

    @Test
    void aChatLineGoesToTheCurrentRoom() {
        List<Event> events = send("hello //there");
        assertThat(events).singleElement().isInstanceOfSatisfying(Event.Message.class, m -> {
            assertThat(m.room()).isEqualTo(Hub.LOBBY);
            assertThat(m.from()).isEqualTo(session.nick());
            assertThat(m.text()).isEqualTo("hello //there");
            assertThat(m.action()).isFalse();
        });
        assertThat(send("//help")).singleElement()
                .isInstanceOfSatisfying(Event.Message.class, m -> assertThat(m.text()).isEqualTo("/help"));
    }

    @Test
    void aChatLineWithNoRoomIsAnError() {
        assertThat(send("/part")).containsExactly(new Event.Parted(Hub.LOBBY, session.nick(), ""));
        assertThat(send("anyone here?")).containsExactly(
                new Event.Error(null, "no-room", "you are in no room: /join one first"));
    }

    @Test
    void aControlCharacterIsAnErrorWithoutACommand() {
        assertThat(send("hi \u001b[2J")).singleElement().isInstanceOfSatisfying(Event.Error.class, e -> {
            assertThat(e.command()).isNull();
            assertThat(e.code()).isEqualTo("bad-character");
            assertThat(e.text()).contains("U+001B", "position 4");
        });
        assertThat(send("/echo \u0007")).singleElement()
                .isInstanceOfSatisfying(Event.Error.class, e -> assertThat(e.code()).isEqualTo("bad-character"));
    }

    @Test
    void aBlankLineDoesNothing() {
        assertThat(send("")).isEmpty();
        assertThat(send("   ")).isEmpty();
        assertThat(peer.quits).isEmpty();
    }

    @Test
    void aHandlerThatThrowsIsAnInternalErrorAndTheSessionGoesOn() {
        var commands = new Commands(List.of(
                CommandSpec.of("boom", "", "always fails", (c, a) -> {
                    throw new IllegalStateException("a bug");
                }),
                CommandSpec.of("ok", "", "answers", (c, a) -> c.reply("fine"))));
        var own = new Dispatcher(commands);
        var ownContext = new Context(session, hub, peer, commands, null);

        own.handle(ownContext, "/boom");
        assertThat(sink.take()).containsExactly(
                new Event.Error("boom", "internal", "the server failed on this line; it was logged"));
        own.handle(ownContext, "/ok");
        assertThat(sink.take()).containsExactly(new Event.Reply("ok", "fine"));
    }

    @Test
    void finWithoutAQuitCommandIsUnknown() {
        var commands = new Commands(List.of());
        new Dispatcher(commands).handle(new Context(session, hub, peer, commands, null), "fin");
        assertThat(sink.take()).containsExactly(
                new Event.Error("quit", "unknown-command", "there is no command /quit; /help lists them"));
    }

    @Test
    void theContextCommandIsSetPerLine() {
        var stale = new Context(session, hub, peer, dispatcher.commands(), "stale");
        dispatcher.handle(stale, "/ping");
        assertThat(sink.take()).containsExactly(new Event.Reply("ping", "pong"));
    }
}
