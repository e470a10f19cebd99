package org.causerie.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.Event;

/**
 * The JSON format: one object per line with a {@code type} field (docs/protocol.md lists them all).
 * {@link #parse} reads the same lines back into events, for the terminal client.
 */
public final class JsonCodec {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private JsonCodec() {}

    public static String render(Event event) {
        var out = new StringWriter(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            write(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
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
                if (!r.items().isEmpty()) {
                    json.writeArrayFieldStart("items");
                    for (String item : r.items()) {
                        json.writeString(item);
                    }
                    json.writeEndArray();
                }
            }
            case Event.Error e -> {
                json.writeStringField("type", "error");
                json.writeStringField("command", e.command()); // null for a line that was no command
                json.writeStringField("code", e.code());
                json.writeStringField("text", e.text());
            }
            case Event.Notice n -> fields(json, "notice", "text", n.text());
            case Event.Welcome w -> fields(json, "welcome", "server", w.server(), "version", w.version(),
                    "nick", w.nick(), "room", w.room());
        }
    }

    /** A replayed message has {@code "history": true}; one kept while its reader was away also {@code "missed": true}. */
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

    /** Reads a line of the JSON format back into an event; throws IllegalArgumentException if it is none. */
    public static Event parse(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON line: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        try {
            return event(node);
        } catch (RuntimeException e) { // a missing field or a bad timestamp: not one of our lines
            throw new IllegalArgumentException("not a Causerie JSON line: " + line, e);
        }
    }

    private static Event event(JsonNode node) {
        String type = text(node, "type");
        return switch (type == null ? "" : type) {
            case "message" -> new Event.Message(node.path("id").asLong(), Instant.parse(text(node, "ts")),
                    text(node, "room"), text(node, "from"), text(node, "text"), node.path("action").asBoolean(),
                    delivery(node));
            case "private" -> new Event.Private(node.path("id").asLong(), Instant.parse(text(node, "ts")),
                    text(node, "from"), text(node, "to"), text(node, "text"), delivery(node));
            case "gap" -> new Event.Gap(text(node, "room"), text(node, "peer"), node.path("from").asLong(),
                    node.path("to").asLong());
            case "join" -> new Event.Joined(text(node, "room"), text(node, "nick"));
            case "part" -> new Event.Parted(text(node, "room"), text(node, "nick"), text(node, "reason"));
            case "quit" -> new Event.Quit(text(node, "room"), text(node, "nick"), text(node, "reason"));
            case "nick" -> new Event.NickChanged(text(node, "room"), text(node, "nick"), text(node, "new"));
            case "kick" -> new Event.Kicked(text(node, "room"), text(node, "nick"), text(node, "by"), text(node, "reason"));
            case "mode" -> new Event.ModeChanged(text(node, "room"), text(node, "by"), text(node, "change"));
            case "topic" -> new Event.TopicChanged(text(node, "room"), text(node, "nick"), text(node, "topic"));
            case "reply" -> new Event.Reply(text(node, "command"), text(node, "text"), items(node));
            case "error" -> new Event.Error(text(node, "command"), text(node, "code"), text(node, "text"));
            case "notice" -> new Event.Notice(text(node, "text"));
            case "welcome" -> new Event.Welcome(text(node, "server"), text(node, "version"), text(node, "nick"),
                    text(node, "room"));
            default -> throw new IllegalArgumentException("unknown line type: " + type);
        };
    }

    private static Event.Delivery delivery(JsonNode node) {
        if (node.path("missed").asBoolean()) {
            return Event.Delivery.MISSED;
        }
        return node.path("history").asBoolean() ? Event.Delivery.HISTORY : Event.Delivery.LIVE;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> items(JsonNode node) {
        var items = new ArrayList<String>();
        node.path("items").forEach(item -> items.add(item.asText()));
        return items;
    }
}
