package org.causerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.causerie.chat.ChatException;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {
    static final Instant TS = Instant.parse("2025-03-01T12:34:56.789Z");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new Event.Message(1, TS, "#general", "alice", "hello", false), """
                        {"type":"message","id":1,"ts":"2025-03-01T12:34:56.789Z","room":"#general",\
                        "from":"alice","text":"hello"}"""),
                Arguments.of(new Event.Message(2, TS, "#general", "alice", "waves", true), """
                        {"type":"message","id":2,"ts":"2025-03-01T12:34:56.789Z","room":"#general",\
                        "from":"alice","text":"waves","action":true}"""),
                Arguments.of(new Event.Private(3, TS, "alice", "bob", "psst"), """
                        {"type":"private","id":3,"ts":"2025-03-01T12:34:56.789Z","from":"alice","to":"bob",\
                        "text":"psst"}"""),
                Arguments.of(new Event.Joined("#a", "bob"), """
                        {"type":"join","room":"#a","nick":"bob"}"""),
                Arguments.of(new Event.Parted("#a", "bob", "lunch"), """
                        {"type":"part","room":"#a","nick":"bob","reason":"lunch"}"""),
                Arguments.of(new Event.Parted("#a", "bob", null), """
                        {"type":"part","room":"#a","nick":"bob"}"""),
                Arguments.of(new Event.Quit("#a", "bob", "fin"), """
                        {"type":"quit","room":"#a","nick":"bob","reason":"fin"}"""),
                Arguments.of(new Event.NickChanged("#a", "bob", "robert"), """
                        {"type":"nick","room":"#a","nick":"bob","new":"robert"}"""),
                Arguments.of(new Event.NickChanged(null, "bob", "robert"), """
                        {"type":"nick","nick":"bob","new":"robert"}"""),
                Arguments.of(new Event.TopicChanged("#a", "bob", "cats"), """
                        {"type":"topic","room":"#a","nick":"bob","topic":"cats"}"""),
                Arguments.of(new Event.TopicChanged("#a", "bob", ""), """
                        {"type":"topic","room":"#a","nick":"bob","topic":""}"""),
                Arguments.of(new Event.TopicChanged("#a", null, "cats"), """
                        {"type":"topic","room":"#a","topic":"cats"}"""),
                Arguments.of(new Event.Reply("ping", "pong"), """
                        {"type":"reply","command":"ping","text":"pong"}"""),
                Arguments.of(new Event.Reply("who", "#a (2): x y", List.of("x", "y")), """
                        {"type":"reply","command":"who","text":"#a (2): x y","items":["x","y"]}"""),
                Arguments.of(new Event.Reply("who", "#a (3): @+x +y z", List.of("x", "y", "z"), List.of("x"),
                        List.of("x", "y")), """
                        {"type":"reply","command":"who","text":"#a (3): @+x +y z","items":["x","y","z"],\
                        "operators":["x"],"voiced":["x","y"]}"""),
                Arguments.of(new Event.Reply(null, "hi"), """
                        {"type":"reply","text":"hi"}"""),
                Arguments.of(new Event.Error("join", "bad-room", "no"), """
                        {"type":"error","command":"join","code":"bad-room","text":"no"}"""),
                Arguments.of(new Event.Error(null, "no-room", "no"), """
                        {"type":"error","command":null,"code":"no-room","text":"no"}"""),
                Arguments.of(new Event.Notice("bye"), """
                        {"type":"notice","text":"bye"}"""),
                Arguments.of(new Event.Welcome("causerie", "1.0", "guest-1", "#general"), """
                        {"type":"welcome","server":"causerie","version":"1.0","nick":"guest-1","room":"#general"}"""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void rendersEachKind(Event event, String expected) {
        assertThat(JsonCodec.render(event)).isEqualTo(expected);
        assertThat(Format.JSON.render(event)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("events")
    void parsesBackWhatItRenders(Event event, String ignored) {
        assertThat(JsonCodec.parse(JsonCodec.render(event))).isEqualTo(event);
    }

    @Test
    void escapesTextAndStaysOnOneLine() {
        String text = "say \"hi\" \\o/\nnext\r\tline \u0007 \u001b[31m é 😀";
        String json = JsonCodec.render(new Event.Notice(text));
        assertThat(json).isEqualTo("{\"type\":\"notice\",\"text\":"
                + "\"say \\\"hi\\\" \\\\o/\\nnext\\r\\tline \\u0007 \\u001B[31m é 😀\"}");
        assertThat(json).doesNotContain("\n", "\r", "\u0007", "\u001b");
        assertThat(JsonCodec.parse(json)).isEqualTo(new Event.Notice(text));
    }

    @Test
    void aMultiLineReplyKeepsItsItems() {
        var reply = new Event.Reply("rooms", "2 rooms\n#a\n#b", List.of("#a", "#b"));
        String json = JsonCodec.render(reply);
        assertThat(json).doesNotContain("\n").contains("\"items\":[\"#a\",\"#b\"]");
        assertThat(JsonCodec.parse(json)).isEqualTo(reply);
    }

    @Test
    void encodeEndsWithANewlineAndIsSharedByEveryRecipient() {
        var envelope = new Envelope(new Event.Joined("#a", "bob"));
        byte[] json = Format.JSON.encode(envelope);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"join\",\"room\":\"#a\",\"nick\":\"bob\"}\n");
        assertThat(Format.JSON.encode(envelope)).isSameAs(json);
        assertThat(Format.TEXT.encode(envelope)).isNotSameAs(json)
                .isEqualTo("* #a: bob joined\n".getBytes(StandardCharsets.UTF_8))
                .isSameAs(Format.TEXT.encode(envelope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "42", "{\"type\":\"shout\"}", "{\"text\":\"no type\"}", "{"})
    void parseRefusesWhatIsNoEvent(String line) {
        assertThatThrownBy(() -> JsonCodec.parse(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        assertThat(Format.parse("JSON")).isEqualTo(Format.JSON);
        assertThat(Format.parse("text")).isEqualTo(Format.TEXT);
        assertThat(Format.JSON.label()).isEqualTo("json");
        assertThatThrownBy(() -> Format.parse("xml")).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.code()).isEqualTo("bad-format"));
    }

    @Test
    void replayedAndMissedMessagesParseBackAsSuch() {
        for (Event.Delivery delivery : Event.Delivery.values()) {
            var message = new Event.Message(7, TS, "#general", "alice", "hi", false).as(delivery);
            assertThat(JsonCodec.parse(JsonCodec.render(message))).isEqualTo(message);
            var direct = new Event.Private(8, TS, "alice", "bob", "psst", delivery);
            assertThat(JsonCodec.parse(JsonCodec.render(direct))).isEqualTo(direct);
        }
    }
}
