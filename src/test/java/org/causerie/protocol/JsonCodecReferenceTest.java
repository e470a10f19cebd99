package org.causerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.event.Event.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written JSON encoder against Jackson's ({@link JacksonReference}), on events of every kind
 * whose strings are awkward: the same bytes out as Jackson with DEL, U+2028 and U+2029 escaped too; the
 * same JSON tree, and the same event for the client, as the server sent with Jackson alone; valid JSON
 * and valid UTF-8 on one line.
 * {@code EventCodecFuzzTest} makes the same comparison on fuzzed strings.
 */
class JsonCodecReferenceTest {
    private static final Instant TS = Instant.parse("2025-03-01T12:34:56.789Z");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final List<String> AWKWARD = List.of(
            "",
            "plain",
            "say \"hi\" \\o/ \\\" \\\\",
            "\u0000\u0001\b\t\n\u000b\f\r\u000e\u001b[31m\u001f end",
            "DEL \u007f, C1 \u0080\u009f, NBSP \u00a0",
            "line\u2028separator\u2029paragraph",
            "é ß 日本語 \u202e \ufeff \uffff 😀🎉",
            "lone \ud83d high, lone \ude00 low, swapped \ude00\ud83d",
            "</script> <!-- & ' / \\/ \\u0041",
            "\"", "\\", "\n", "\u2028", "\ud800",
            // longer than the encoder's first buffer (256 bytes), in one run and in escapes: it must grow
            "x".repeat(3000), "\u0001".repeat(700) + "\u2028".repeat(300) + "é".repeat(500) + "\"".repeat(400));

    /** Every kind of event, its strings all {@code s}. */
    static List<Event> withStrings(String s) {
        return List.of(
                new Event.Message(0, TS, s, s, s, false),
                new Event.Message(9, Instant.parse("2026-11-21T17:51:13Z"), s, s, s, false),
                new Event.Message(Long.MAX_VALUE, TS, s, s, s, true, Delivery.MISSED),
                new Event.Private(Long.MIN_VALUE, TS, s, s, s, Delivery.HISTORY),
                new Event.Private(1, Instant.ofEpochSecond(-62_000_000_000L, 1), s, s, s),
                new Event.Gap(s, null, 4, 15),
                new Event.Gap(null, s, -1, 0),
                new Event.Joined(s, s),
                new Event.Parted(s, s, s),
                new Event.Quit(s, s, s),
                new Event.NickChanged(s, s, s),
                new Event.Kicked(s, s, s, s),
                new Event.ModeChanged(s, s, s),
                new Event.TopicChanged(s, s, s),
                new Event.Reply(s, s),
                new Event.Reply(s, s, List.of(s, "", s)),
                new Event.Reply(s, s, List.of(s, "", s), List.of(s), List.of("", s)),
                new Event.Error(s, s, s),
                new Event.Notice(s),
                new Event.Invited(s, s, s),
                new Event.Welcome(s, s, s, s));
    }

    /** Every kind of event with null in every string field: left out, or {@code null} where Jackson wrote it. */
    static List<Event> withNulls() {
        return List.of(
                new Event.Message(1, TS, null, null, null, true, Delivery.HISTORY),
                new Event.Private(2, Instant.EPOCH, null, null, null, Delivery.MISSED),
                new Event.Gap(null, null, 1, 2),
                new Event.Joined(null, null),
                new Event.Parted(null, null, null),
                new Event.Quit(null, null, null),
                new Event.NickChanged(null, null, null),
                new Event.Kicked(null, null, null, null),
                new Event.ModeChanged(null, null, null),
                new Event.TopicChanged(null, null, null),
                new Event.Reply(null, null, null),
                new Event.Error(null, null, null),
                new Event.Notice(null),
                new Event.Invited(null, null, null),
                new Event.Welcome(null, null, null, null));
    }

    static Stream<Event> events() {
        var all = new ArrayList<Event>();
        AWKWARD.forEach(s -> all.addAll(withStrings(s)));
        all.addAll(withNulls());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void writesWhatJacksonWrote(Event event) throws Exception {
        String json = JsonCodec.render(event);
        byte[] line = Format.JSON.encode(new Envelope(event));
        byte[] jackson = JacksonReference.render(event).getBytes(StandardCharsets.UTF_8); // what the server sent
        byte[] expected = (JacksonReference.renderEscaping(event) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(json + "\n").as("%s", event).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(line).as(json).isEqualTo(expected);

        assertThat(strictUtf8(line)).as("valid UTF-8: %s", json).isNotNull();
        JsonNode tree = STRICT.readTree(line); // valid JSON: no duplicate key, nothing after the object
        assertThat(tree.isObject()).as(json).isTrue();
        assertThat(tree).as(json).isEqualTo(STRICT.readTree(jackson));
        assertThat(JsonCodec.parse(json)).as(json)
                .isEqualTo(JsonCodec.parse(new String(jackson, StandardCharsets.UTF_8)));
        assertThat(json.chars().filter(c -> c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029))
                .as("raw control characters or separators in %s", json).isEmpty();
    }

    @Test
    void everyKindOfEventIsCompared() {
        Set<Class<?>> kinds = new HashSet<>();
        withStrings("x").forEach(e -> kinds.add(e.getClass()));
        assertThat(kinds).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
        kinds.clear();
        withNulls().forEach(e -> kinds.add(e.getClass()));
        assertThat(kinds).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }

    /** Every UTF-16 unit alone (lone surrogates included) and every 257th code point beyond, between letters. */
    @Test
    void everyCharacterIsWrittenAsJacksonWroteIt() {
        var texts = new ArrayList<String>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            texts.add("a" + (char) c + "b");
        }
        for (int c = Character.MIN_SUPPLEMENTARY_CODE_POINT; c <= Character.MAX_CODE_POINT; c += 257) {
            texts.add("a" + Character.toString(c) + "b");
        }
        for (String text : texts) {
            var notice = new Event.Notice(text);
            byte[] expected = (JacksonReference.renderEscaping(notice) + "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(Format.JSON.encode(new Envelope(notice))).as("U+%04X", text.codePointAt(1)).isEqualTo(expected);
        }
    }

    @Test
    void timesAreWrittenAsInstantToStringDoes() {
        var times = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochMilli(1), Instant.ofEpochMilli(-1),
                Instant.parse("1972-12-31T23:59:59.999Z"), Instant.parse("2000-02-29T00:00:00Z"),
                Instant.parse("2100-03-01T12:00:00.010Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z").plusMillis(1), Instant.ofEpochSecond(0, 1_000),
                Instant.ofEpochSecond(1_700_000_000, 999_999_999), Instant.MIN, Instant.MAX));
        var random = new java.util.Random(2025);
        for (int i = 0; i < 100_000; i++) {
            times.add(Instant.ofEpochMilli(random.nextLong(-1_000_000_000L, 253_402_400_000_000L)));
        }
        for (Instant time : times) {
            assertThat(new JsonLine().time("ts", time).end()).isEqualTo("{\"ts\":\"" + time + "\"}");
        }
    }

    @Test
    void escapesTheSeparatorsAndDelThatJacksonLeftRaw() {
        var notice = new Event.Notice("a\u2028b\u2029c\u007fd");
        assertThat(JacksonReference.render(notice)).contains("\u2028", "\u2029", "\u007f");
        assertThat(JsonCodec.render(notice)).isEqualTo("{\"type\":\"notice\",\"text\":\"a\\u2028b\\u2029c\\u007Fd\"}");
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkAsBefore() {
        // The door refuses lines that are not UTF-8, so no client can send one; were one to get in, the
        // line stays valid UTF-8, as String.getBytes made it of Jackson's output.
        var notice = new Event.Notice("a\ud83db\ude00c");
        assertThat(JsonCodec.render(notice)).isEqualTo("{\"type\":\"notice\",\"text\":\"a?b?c\"}");
        assertThat(Format.JSON.encode(new Envelope(notice)))
                .isEqualTo((JacksonReference.render(notice) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
