package org.causerie.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.event.Event;

/**
 * The JSON format: one object per line with a {@code type} field (docs/protocol.md lists them all).
 * {@link #render} writes them by hand ({@link JsonLine}); {@link #parse} reads them back into events with
 * Jackson, for the terminal client.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonCodec() {}

    public static String render(Event event) {
        return write(event).end();
    }

    /** The event as the UTF-8 bytes of its line, newline included: what the server sends. */
    static byte[] line(Event event) {
        return write(event).endLine();
    }

    /**
     * The fields in the order docs/protocol.md shows them, which clients may rely on. A null field is left
     * out, but in {@code message}, {@code private} and {@code error}, where it has always been written as
     * {@code null}.
     */
    private static JsonLine write(Event event) {
        var json = new JsonLine();
        switch (event) {
            case Event.Message m -> {
                json.type("message").number("id", m.id()).time("ts", m.ts())
                        .text("room", m.room()).text("from", m.from()).text("text", m.text());
                if (m.action()) {
                    json.flag("action");
                }
                delivery(json, m.delivery());
            }
            case Event.Private p -> {
                json.type("private").number("id", p.id()).time("ts", p.ts())
                        .text("from", p.from()).text("to", p.to()).text("text", p.text());
                delivery(json, p.delivery());
            }
            case Event.Gap g -> json.type("gap").optional("room", g.room()).optional("peer", g.peer())
                    .number("from", g.from()).number("to", g.to());
            case Event.Joined j -> json.type("join").optional("room", j.room()).optional("nick", j.nick());
            case Event.Parted p -> json.type("part").optional("room", p.room()).optional("nick", p.nick())
                    .optional("reason", p.reason());
            case Event.Quit q -> json.type("quit").optional("room", q.room()).optional("nick", q.nick())
                    .optional("reason", q.reason());
            case Event.NickChanged n -> json.type("nick").optional("room", n.room())
                    .optional("nick", n.nick()).optional("new", n.newNick());
            case Event.Kicked k -> json.type("kick").optional("room", k.room()).optional("nick", k.nick())
                    .optional("by", k.by()).optional("reason", k.reason());
            case Event.ModeChanged m -> json.type("mode").optional("room", m.room()).optional("by", m.by())
                    .optional("change", m.change());
            case Event.TopicChanged t -> json.type("topic").optional("room", t.room())
                    .optional("nick", t.nick()).optional("topic", t.topic());
            case Event.Reply r -> {
                json.type("reply").optional("command", r.command()).optional("text", r.text());
                if (!r.items().isEmpty()) {
                    json.texts("items", r.items());
                }
                if (!r.operators().isEmpty()) {
                    json.texts("operators", r.operators());
                }
                if (!r.voiced().isEmpty()) {
                    json.texts("voiced", r.voiced());
                }
            }
            case Event.Error e -> json.type("error")
                    .text("command", e.command()) // null for a line that was no command
                    .text("code", e.code()).text("text", e.text());
            case Event.Notice n -> json.type("notice").optional("text", n.text());
            case Event.Invited i -> json.type("notice") // as before the event had a type of its own: clients know it
                    .optional("text", i.by() + " invites you to " + i.room() + ": /join " + i.room());
            case Event.Welcome w -> json.type("welcome").optional("server", w.server())
                    .optional("version", w.version()).optional("nick", w.nick()).optional("room", w.room());
        }
        return json;
    }

    /** A replayed message has {@code "history": true}; one kept while its reader was away also {@code "missed": true}. */
    private static void delivery(JsonLine json, Event.Delivery delivery) {
        if (delivery != Event.Delivery.LIVE) {
            json.flag("history");
        }
        if (delivery == Event.Delivery.MISSED) {
            json.flag("missed");
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
            case "reply" -> new Event.Reply(text(node, "command"), text(node, "text"), items(node, "items"),
                    items(node, "operators"), items(node, "voiced"));
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

    private static List<String> items(JsonNode node, String field) {
        var items = new ArrayList<String>();
        node.path(field).forEach(item -> items.add(item.asText()));
        return items;
    }
}
