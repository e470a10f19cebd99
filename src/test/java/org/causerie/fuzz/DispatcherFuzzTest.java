package org.causerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.causerie.calc.Calculator;
import org.causerie.chat.TestHubs;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.chat.Sink;
import org.causerie.command.Commands;
import org.causerie.command.Context;
import org.causerie.command.Dispatcher;
import org.causerie.command.Peer;
import org.causerie.protocol.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards the whole line path behind the socket: a few users send any lines (commands, messages, the
 * characters the door refuses) through the real {@link Dispatcher} to a real {@link Hub}. Nothing may
 * throw out of {@link Dispatcher#handle}, no line may hit a bug the dispatcher had to catch (an
 * {@code internal} error), every line but a blank one is answered, and every event anyone receives
 * renders in both formats with no character the protocol refuses at the door: what one user types can
 * move nobody's cursor and forge nobody's line.
 *
 * <p>The users are new for every input; the hub lives for {@link #HUB_LIFETIME} inputs (a new one costs a
 * password hash), so its accounts and owned rooms carry over. A finding that does not come back on its
 * own depends on an earlier input: set the lifetime to 1 to tell. The hub has no server operators, so
 * /close, /kill and /shutdown are fuzzed as refusals only.
 */
class DispatcherFuzzTest {
    private static final int USERS = 3;
    /** A fresh hub after this many inputs, so that its store and rooms stay small. */
    private static final int HUB_LIFETIME = 2_000;

    private static final Dispatcher DISPATCHER = new Dispatcher(Commands.standard(new Calculator()));
    private static Hub hub;
    private static int inputs;

    /** One connected user: what it received, and what it asked of its connection. */
    private static final class User implements Sink, Peer {
        final Hub hub;
        final List<Event> received = new ArrayList<>();
        String quit;
        Session session;
        Context context;

        User(Hub hub) {
            this.hub = hub;
            connect();
        }

        @Override
        public void send(Envelope envelope) {
            received.add(envelope.event());
        }

        @Override
        public void format(Format format) {}

        @Override
        public void quit(String reason) {
            quit = reason;
        }

        @Override
        public java.net.InetAddress address() {
            return java.net.InetAddress.getLoopbackAddress();
        }

        void connect() {
            quit = null;
            session = hub.connect(this, address()); // with an address: the per-address budgets are fuzzed too
            hub.seat(session); // as the line door does after the first line
            context = new Context(session, hub, this, DISPATCHER.commands(), null);
        }
    }

    /** Scripted sessions, run as they are by ./mvnw test and mutated from by the fuzzer. */
    static final List<Arguments> SEEDS = Stream.of(
            script("0:/nick alice", "0:/register password1", "1:/nick bob", "1:/msg alice hello",
                    "0:/history bob", "0:/logout", "2:/login alice password1", "2:/password password1 password2",
                    "2:/history bob before 5 2", "1:/msg alice are you there?", "2:/quit"),
            script("0:/nick carol", "0:/register password3", "0:/token", "1:/resume " + "A".repeat(43),
                    "1:/resume not-a-token", "1:/token", "0:/logout", "0:/token"),
            script("0:/nick alice", "1:/nick bob", "0:/join #room", "1:/join #room", "0:/topic #room hello",
                    "0:/mode +t", "0:/op bob", "1:/mode #room +k secret", "1:/kick alice go away", "1:/ban alice",
                    "1:/ban", "0:/join #room secret", "2:/invite alice", "1:/unban alice", "0:/part #room bye"),
            script("0:hello", "0:/me waves", "0://slash", "0:/calc 2^10 / 3", "0:/echo  two  spaces", "0:/help",
                    "0:/help CALC", "0:/rooms", "0:/who #general", "0:/format json", "0:/ping", "0:\u202eevil",
                    "0:   ", "0:fin"),
            script("0:/nick alice", "1:/nick bob", "1:/ignore alice", "0:hello", "0:/msg bob psst", "1:/ignore",
                    "1:/unignore ALICE", "1:/ignore bob", "0:/join #den key", "0:/join #den", "0:/redact #den 1",
                    "0:/purge bob #den", "0:/purge bob", "2:/serverban 203.0.113.0/24 30m spam", "2:/serverunban alice",
                    "2:/serverbans", "0:/msg bob again"),
            script("0:/close #general", "0:/kill guest-1", "0:/shutdown", "1:/voice guest-1", "1:/mode",
                    "1:/part", "1:hello?", "1:/history #general after 0 500", "2:/quit see you"))
            .map(script -> Arguments.of(script.lines(), script.senders()))
            .toList();

    /** The arguments of {@link #handle}: lines, and which user says each (two bits a line). */
    private record Script(List<String> lines, long senders) {}

    /** Lines said by users 0, 1 and 2 in turn, each written {@code "user:line"}. */
    private static Script script(String... turns) {
        var lines = new ArrayList<String>();
        long senders = 0;
        for (String turn : turns) {
            senders |= (long) (turn.charAt(0) - '0') << (2 * lines.size());
            lines.add(turn.substring(2));
        }
        return new Script(lines, senders);
    }

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void handle(@NotNull @WithSize(max = 16) List<@NotNull String> lines, long senders) {
        check(lines, senders);
    }

    /** Three new users on the shared hub say {@code lines}, in the order {@code senders} picks, two bits a line. */
    static void check(List<String> lines, long senders) {
        if (hub == null || ++inputs % HUB_LIFETIME == 0) {
            hub = TestHubs.inMemory("causerie", "fuzz");
        }
        play(hub, lines, senders);
    }

    /** Found by this fuzz test: a moderation command that changed nothing used to answer nothing. */
    @Test
    void aCommandThatChangesNothingIsAnswered() {
        // alice made #room, so she is its operator; bob is a member without operator or voice.
        String[] room = {"0:/nick alice", "1:/nick bob", "0:/join #room", "1:/join #room"};
        for (String[] last : List.of(new String[] {"0:/op alice"}, new String[] {"0:/deop bob"},
                new String[] {"0:/devoice bob"}, new String[] {"0:/voice bob", "0:/voice bob"},
                new String[] {"0:/ban troll", "0:/ban troll"})) {
            var turns = new ArrayList<>(List.of(room));
            turns.addAll(List.of(last));
            Script script = script(turns.toArray(String[]::new));
            play(TestHubs.inMemory("causerie", "fuzz"), script.lines(), script.senders());
        }
    }

    /** Three users on {@code hub} say {@code lines}, in the order {@code senders} picks, two bits a line. */
    private static void play(Hub hub, List<String> lines, long senders) {
        var users = new User[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = new User(hub);
        }
        try {
            for (int i = 0; i < lines.size(); i++) {
                User from = users[(int) (senders >>> (2 * (i % 32)) & 3) % USERS];
                send(from, lines.get(i), users);
            }
        } finally {
            for (User user : users) {
                hub.disconnect(user.session, "fuzz input done");
            }
        }
    }

    private static void send(User from, String line, User[] users) {
        for (User user : users) {
            user.received.clear();
        }
        try {
            DISPATCHER.handle(from.context, line);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("handle threw on " + Inputs.show(line), e);
        }
        boolean blank = line.isBlank() && LineParserFuzzTest.firstForbidden(line) < 0;
        if (blank) {
            for (User user : users) {
                assertThat(user.received).as(() -> "a blank line is ignored: " + Inputs.show(line)).isEmpty();
            }
        } else if (from.received.isEmpty()) {
            fail("no answer to %s", Inputs.show(line));
        }
        for (User user : users) {
            for (Event event : user.received) {
                checkEvent(event, line);
            }
            if (user.quit != null) { // the connection would close: a new user takes the place
                user.hub.disconnect(user.session, user.quit);
                user.received.clear();
                user.connect();
            }
        }
    }

    /** An event a line caused: no caught bug, and nothing in either format that the door refuses. */
    private static void checkEvent(Event event, String line) {
        if (event instanceof Event.Error error && "internal".equals(error.code())) {
            fail("the dispatcher caught a bug on %s (see the log above)", Inputs.show(line));
        }
        String text = Format.TEXT.render(event);
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            if (c != '\n' && Inputs.isForbidden(c)) {
                fail("after %s, %s renders U+%04X: %s", Inputs.show(line), event, c, Inputs.show(text));
            }
        }
        String json = Format.JSON.render(event);
        assertThat(json).as("one JSON line for %s", event).doesNotContain("\n", "\r");
    }
}
