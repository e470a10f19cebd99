package org.causerie.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.causerie.event.Event;

/**
 * The JSON encoder the server had before {@link JsonLine}, with Jackson's generator, kept here as the
 * reference the hand-written one is checked against: {@link #render} is what the server sent then, and
 * {@link #renderEscaping} the same with DEL, U+2028 and U+2029 escaped too, which is exactly what
 * {@link JsonCodec#render} must write. Both write every string without IRC's formatting codes
 * ({@link Formatting#strip}), which are for IRC readers only.
 */
public final class JacksonReference {
    private static final JsonFactory PLAIN = new JsonFactory();
    private static final JsonFactory ESCAPING = new JsonFactory().setCharacterEscapes(new Separators());

    private JacksonReference() {}

    /** As the server wrote it with Jackson's default escapes. */
    public static String render(Event event) {
        return render(PLAIN, event);
    }

    /** As {@link JsonCodec} must write it: Jackson's escapes, plus DEL, U+2028 and U+2029. */
    public static String renderEscaping(Event event) {
        return render(ESCAPING, event);
    }

    private static String render(JsonFactory factory, Event event) {
        var out = new StringWriter(128);
        try (JsonGenerator json = new Stripping(factory.createGenerator(out))) {
            json.writeStartObject();
            write(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Jackson's generator, given every string value without IRC's formatting codes. */
    private static final class Stripping extends JsonGeneratorDelegate {
        Stripping(JsonGenerator json) {
            super(json, false);
        }

        @Override
        public void writeString(String text) throws IOException {
            super.writeString(text == null ? null : Formatting.strip(text));
        }

        @Override
        public void writeStringField(String name, String value) throws IOException {
            writeFieldName(name);
            writeString(value);
        }
    }

    /** Jackson's escapes for JSON, and DEL, U+2028 and U+2029 as {@code \}{@code uXXXX}. */
    private static final class Separators extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        Separators() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c == 0x2028 || c == 0x2029 ? new SerializedString(String.format("\\u%04X", c)) : null;
        }
    }

    private static void write(JsonGenerator json, Event event) throws IOException {
        switch (event) {
            case Event.Message m -> {
                json.writeStringField("type", "message");
                json.writeNumberField("id", m.id());
                json.writeStringField("ts", m.ts().toString());
                json.writeStringField("room", m.room());
                json.writeStringField("from", m.from());
                json.writeStringField("text", m.text());
                if (m.action()) {
                    json.writeBooleanField("action", true);
                }
                delivery(json, m.delivery());
            }
            case Event.Private p -> {
                json.writeStringField("type", "private");
                json.writeNumberField("id", p.id());
                json.writeStringField("ts", p.ts().toString());
                json.writeStringField("from", p.from());
                json.writeStringField("to", p.to());
                json.writeStringField("text", p.text());
                delivery(json, p.delivery());
            }
            case Event.Gap g -> {
                fields(json, "gap", "room", g.room(), "peer", g.peer());
                json.writeNumberField("from", g.from());
                json.writeNumberField("to", g.to());
            }
            case Event.Joined j -> fields(json, "join", "room", j.room(), "nick", j.nick());
            case Event.Parted p -> fields(json, "part", "room", p.room(), "nick", p.nick(), "reason", p.reason());
            case Event.Quit q -> fields(json, "quit", "room", q.room(), "nick", q.nick(), "reason", q.reason());
            case Event.NickChanged n -> fields(json, "nick", "room", n.room(), "nick", n.nick(), "new", n.newNick());
            case Event.Kicked k -> fields(json, "kick", "room", k.room(), "nick", k.nick(), "by", k.by(), "reason",
                    k.reason());
            case Event.ModeChanged m -> fields(json, "mode", "room", m.room(), "by", m.by(), "change", m.change());
            case Event.TopicChanged t -> fields(json, "topic", "room", t.room(), "nick", t.nick(), "topic", t.topic());
            case Event.Reply r -> {
                fields(json, "reply", "command", r.command(), "text", r.text());
                list(json, "items", r.items());
                list(json, "operators", r.operators());
                list(json, "voiced", r.voiced());
            }
            case Event.Error e -> {
                json.writeStringField("type", "error");
                json.writeStringField("command", e.command()); // null for a line that was no command
                json.writeStringField("code", e.code());
                json.writeStringField("text", e.text());
            }
            case Event.Notice n -> fields(json, "notice", "text", n.text());
            case Event.Invited i -> fields(json, "notice", "text", i.by() + " invites you to " + i.room() + ": /join " + i.room());
            case Event.Welcome w -> fields(json, "welcome", "server", w.server(), "version", w.version(),
                    "nick", w.nick(), "room", w.room());
        }
    }

    private static void delivery(JsonGenerator json, Event.Delivery delivery) throws IOException {
        if (delivery != Event.Delivery.LIVE) {
            json.writeBooleanField("history", true);
        }
        if (delivery == Event.Delivery.MISSED) {
            json.writeBooleanField("missed", true);
        }
    }

    /** Writes the type, then name/value pairs; a null value is left out. */
    private static void fields(JsonGenerator json, String type, String... pairs) throws IOException {
        json.writeStringField("type", type);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                json.writeStringField(pairs[i], pairs[i + 1]);
            }
        }
    }

    private static void list(com.fasterxml.jackson.core.JsonGenerator json, String name, java.util.List<String> values)
            throws java.io.IOException {
        if (!values.isEmpty()) {
            json.writeArrayFieldStart(name);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
    }
}
