package org.causerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.protocol.Format;
import org.causerie.protocol.Formatting;
import org.causerie.protocol.JacksonReference;
import org.causerie.protocol.JsonCodec;
import org.causerie.protocol.TextCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards the two output formats on events of every kind with fuzzed fields: a JSON event is one line of
 * valid JSON (no duplicate key, nothing after the object) that {@link JsonCodec#parse} reads back into
 * the same event, null fields included, and is what Jackson wrote ({@link JacksonReference}); a text
 * event carries no control character, bidirectional control or line separator that was not in its
 * fields (the door refuses them, so the codec must add none), and starts with the marker of its kind.
 *
 * <p>Events are built by reflection from {@link Event}'s permitted records, so a new kind of event is
 * fuzzed as soon as it exists; a record component of a new type fails until it has a generator here.
 */
class EventCodecFuzzTest {
    private static final List<Class<?>> KINDS = List.of(Event.class.getPermittedSubclasses());
    private static final long FIRST_DATE = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_DATE = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Events with controls, separators and a line break in their text, as if the door had let them in. */
    public static final List<Arguments> SEEDS = List.of(
            Arguments.of(0, false, List.of("#general", "alice", "hi\nthere", "\u202e"), new long[] {1, 1_700_000_000}),
            Arguments.of(5, true, List.of("a\u0085b", "", "\u001b[31m", "\r"), new long[] {-1, Long.MAX_VALUE}),
            Arguments.of(9, false, List.of("\ud83d\ude00", "two\nlines\n", "\t"), new long[] {Long.MIN_VALUE}));

    @FieldSource("SEEDS")
    @FuzzTest
    void render(int kind, boolean nulls, @NotNull List<@NotNull String> strings, long @NotNull [] numbers)
            throws Exception {
        check(kind, nulls, strings, numbers);
    }

    /**
     * Builds the event of the kind {@code kind} picks, its text fields taken in turn from {@code strings} (each
     * left null one time in four if {@code nulls}) and its other fields from {@code numbers}, and renders it.
     */
    static void check(int kind, boolean nulls, List<String> strings, long[] numbers) throws Exception {
        Event event = event(KINDS.get(Math.floorMod(kind, KINDS.size())), drawing(strings, numbers), nulls);
        checkJson(event);
        if (!nulls) { // the server never sends null text; the JSON format alone documents nulls (left out)
            checkText(event);
        }
    }

    /** A finding of the fuzzer (CI, this round): a formatting code in every field comes back without it. */
    @Test
    void formattingCodesAreRemovedForJsonReaders() throws Exception {
        String field = "\u000b\u001e\u01ca";
        checkJson(new Event.Kicked(field, field, field, field));
        checkText(new Event.Kicked(field, field, field, field));
        checkText(new Event.Message(1, java.time.Instant.EPOCH, "#a" + field, field, field, true));
    }

    /** Every kind of event can be built and rendered, so the fuzz test above reaches every case of both codecs. */
    @Test
    void everyKindOfEventCanBeBuilt() throws Exception {
        var plain = new Draw() {
            @Override
            public String string() {
                return "x";
            }

            @Override
            public long number(long min, long max) {
                return Math.max(min, Math.min(max, 1));
            }
        };
        for (Class<?> kind : KINDS) {
            Event event = event(kind, plain, false);
            assertThat(event).isInstanceOf(kind);
            checkJson(event);
            checkText(event);
        }
    }

    /**
     * The event as a JSON reader gets it back: IRC formatting codes are for IRC readers only, and the JSON
     * (and text) codecs remove them from every string ({@link Formatting#strip}).
     */
    static Event withoutFormatting(Event event) throws ReflectiveOperationException {
        RecordComponent[] components = event.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object value = components[i].getAccessor().invoke(event);
            if (value instanceof String text) {
                value = Formatting.strip(text);
            } else if (value instanceof List<?> list) {
                value = list.stream().map(item -> item instanceof String text ? Formatting.strip(text) : item).toList();
            }
            values[i] = value;
        }
        return (Event) event.getClass().getDeclaredConstructor(types).newInstance(values);
    }

    /**
     * What a JSON reader can know of an event: a private message's conversation key stays in the server
     * (IRC's msgid is made from it), and an invitation is written as the notice it was before it had a
     * type of its own.
     */
    static Event asRead(Event event) {
        return switch (event) {
            case Event.Private p -> new Event.Private(p.id(), p.ts(), p.from(), p.to(), p.text(), p.delivery());
            case Event.Invited i -> new Event.Notice(i.by() + " invites you to " + i.room() + ": /join " + i.room());
            default -> event;
        };
    }

    private static void checkJson(Event event) throws Exception {
        String json = JsonCodec.render(event);
        assertThat(json).as("one line for %s", event).doesNotContain("\n", "\r");
        JsonNode node = STRICT.readTree(json);
        assertThat(node.isObject()).as(json).isTrue();
        assertThat(node.path("type").isTextual()).as(json).isTrue();
        assertThat(JsonCodec.parse(json)).as(json).isEqualTo(asRead(withoutFormatting(event)));
        // The hand-written encoder sends the bytes Jackson did, the separators and DEL escaped besides.
        byte[] jackson = (JacksonReference.renderEscaping(event) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(json + "\n").isEqualTo(new String(jackson, StandardCharsets.UTF_8));
        assertThat(Format.JSON.encode(new Envelope(event))).as(json).isEqualTo(jackson);
        assertThat(node).as(json).isEqualTo(STRICT.readTree(JacksonReference.render(event)));
    }

    private static void checkText(Event event) {
        String text = TextCodec.render(event);
        Set<Integer> given = refused(fieldsOf(event));
        Set<Integer> shown = refused(text);
        shown.removeAll(given);
        if (!shown.isEmpty()) {
            fail("%s renders characters it was not given: %s in %s", event, shown, Inputs.show(text));
        }
        String marker = switch (event) {
            case Event.Private _ -> "@";
            case Event.Gap _ -> "- ";
            case Event.Joined _ -> "* ";
            case Event.Parted _ -> "* ";
            case Event.Quit _ -> "* ";
            case Event.NickChanged _ -> "* ";
            case Event.TopicChanged _ -> "* ";
            case Event.Reply _ -> "= ";
            case Event.Error _ -> "! ";
            case Event.Notice _ -> "- ";
            case Event.Welcome _ -> "- ";
            case Event.Message m -> Formatting.strip(m.room()); // the text codec removes IRC formatting
            default -> "";
        };
        assertThat(text).as("%s", event).startsWith(marker);
        if (event instanceof Event.Reply || event instanceof Event.Notice) { // multi-line: every line marked
            for (String line : text.split("\n", -1)) {
                assertThat(line).as("%s", event).startsWith(marker);
            }
        }
    }

    /** The code points that a client line may not carry (and tab): what a terminal may act on. */
    private static Set<Integer> refused(String text) {
        var found = new TreeSet<Integer>();
        text.codePoints().filter(c -> c == '\t' || Inputs.isForbidden(c)).forEach(found::add);
        return found;
    }

    private static String fieldsOf(Event event) {
        var all = new StringBuilder();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(event);
                if (value instanceof String s) {
                    all.append(s);
                } else if (value instanceof List<?> list) {
                    list.forEach(all::append);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return all.toString();
    }

    /** Where the fields of an event come from: the fuzzer's data, or constants. */
    interface Draw {
        String string();

        /** A number from {@code min} to {@code max}, both included. */
        long number(long min, long max);
    }

    /** Draws the given strings and numbers in turn, over again when they run out. */
    private static Draw drawing(List<String> strings, long[] numbers) {
        return new Draw() {
            private int nextString;
            private int nextNumber;

            @Override
            public String string() {
                return strings.isEmpty() ? "" : strings.get(nextString++ % strings.size());
            }

            @Override
            public long number(long min, long max) {
                long value = numbers.length == 0 ? 0 : numbers[nextNumber++ % numbers.length];
                long span = max - min + 1;
                return span <= 0 ? value : min + Math.floorMod(value, span); // overflow: all of long is asked
            }
        };
    }

    /** An event of {@code kind} by its canonical constructor; a string is null one time in four if {@code nulls}. */
    static Event event(Class<?> kind, Draw draw, boolean nulls) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> canonical = kind.getDeclaredConstructor(types);
        Object[] fields = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            fields[i] = value(types[i], draw, nulls, kind.getSimpleName() + "." + components[i].getName());
        }
        try {
            return (Event) canonical.newInstance(fields);
        } catch (InvocationTargetException e) {
            throw new AssertionError("cannot build " + kind.getSimpleName() + " from " + Arrays.toString(fields),
                    e.getCause());
        }
    }

    private static Object value(Class<?> type, Draw draw, boolean nulls, String what) {
        if (type == String.class) {
            return nulls && draw.number(0, 3) == 0 ? null : draw.string();
        }
        if (type == long.class) {
            return draw.number(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == boolean.class) {
            return draw.number(0, 1) == 1;
        }
        if (type == Instant.class) { // any instant that is a date: the text format shows history's dates
            return Instant.ofEpochSecond(draw.number(FIRST_DATE, LAST_DATE), draw.number(0, 999_999_999));
        }
        if (type == Event.Delivery.class) {
            return Event.Delivery.values()[(int) draw.number(0, Event.Delivery.values().length - 1)];
        }
        if (type == List.class) { // of String: the only list an event has (a reply's items)
            var items = new ArrayList<String>();
            for (long n = draw.number(0, 4); n > 0; n--) {
                items.add(draw.string());
            }
            return items;
        }
        throw new AssertionError("no generator for " + what + " of type " + type.getName() + ": add one");
    }
}
