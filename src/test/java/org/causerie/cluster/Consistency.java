package org.causerie.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The consistency checker of the cluster tests: given what each client received, what each sender saw
 * acknowledged, and what the store holds, it lists every violation of the cluster's promises (issue 12):
 * <ol>
 * <li>per room, each client's ids strictly increase: no event twice, none out of order;</li>
 * <li>no hole between two ids a client received unless a {@code gap} it received covers it;</li>
 * <li>what a client received is what the store holds under that id (nothing delivered that was not
 *     stored, nothing changed on the way);</li>
 * <li>every acknowledged message is in the store, with its text;</li>
 * <li>a client that stayed in a room (declared with {@link #stayed}) received every stored event from its
 *     first id in that room to the room's last, gaps aside: no acknowledged message lost for it;</li>
 * <li>when the room's whole sequence is given ({@link #sequence}: its messages and its other events,
 *     joins, parts, topics..., in the store's order), every client saw the room's live events in that
 *     order, none twice, none the store lacks; one that stayed saw every one of them from its first on.
 *     A client's own join is left out (it sees it at once, before the replay); so are replayed and
 *     caught-up messages (history: checked by id above).</li>
 * </ol>
 * Ids are the room's sequence numbers; a client's first id in a room is where its view starts (it may
 * join late). Threads: fill it from one thread, or after the clients have finished.
 */
public final class Consistency {
    /** One event as a client saw it: a room event with its id, or a gap [from, to]. */
    private record Seen(long id, long gapTo, String text) {
        boolean gap() {
            return gapTo >= 0;
        }
    }

    private record Ack(String sender, String room, long id, String text) {}

    /** client, then room, then what it saw in arrival order. */
    private final Map<String, Map<String, List<Seen>>> received = new LinkedHashMap<>();
    private final List<Ack> acknowledged = new ArrayList<>();
    private final Map<String, SortedMap<Long, String>> stored = new LinkedHashMap<>();
    /** client, then room, then the labels of the live room events it saw ({@link #label}), in arrival order. */
    private final Map<String, Map<String, List<String>>> events = new LinkedHashMap<>();
    /** room to the labels of its events in the order of the room's sequence, as stored. */
    private final Map<String, List<String>> sequences = new LinkedHashMap<>();
    /** client to the rooms it stayed in for the whole run. */
    private final Map<String, Set<String>> stayed = new LinkedHashMap<>();

    public Consistency received(String client, String room, long id, String text) {
        seen(client, room).add(new Seen(id, -1, text));
        return this;
    }

    /** A {@code gap} event: ids {@code from} to {@code to}, inclusive, will not come. */
    public Consistency gap(String client, String room, long from, long to) {
        seen(client, room).add(new Seen(from, to, null));
        return this;
    }

    /**
     * A JSON line a client received: room events with an id, and gaps, are recorded, and every live room
     * event's label for the order check; the rest ignored.
     */
    public Consistency receivedJson(String client, JsonNode line) {
        String type = line.path("type").asText();
        if (!line.hasNonNull("room")) {
            return this;
        }
        String room = line.get("room").asText();
        String label = label(line);
        if (label != null) {
            event(client, room, label);
        }
        if (type.equals("gap")) {
            return gap(client, room, line.get("from").asLong(), line.get("to").asLong());
        }
        if (line.hasNonNull("id")) {
            return received(client, room, line.get("id").asLong(), line.path("text").asText(type));
        }
        return this;
    }

    /** A live room event {@code client} saw, by its {@link #label}. */
    public Consistency event(String client, String room, String label) {
        events.computeIfAbsent(client, c -> new LinkedHashMap<>()).computeIfAbsent(room, r -> new ArrayList<>()).add(label);
        return this;
    }

    /** The room's events (messages and the others) as the store orders them, by label. */
    public Consistency sequence(String room, List<String> labels) {
        sequences.put(room, List.copyOf(labels));
        return this;
    }

    /**
     * The label of a live room event in the JSON format ({@code message 7}, {@code join alice},
     * {@code part alice}, {@code quit alice}, {@code nick old new}, {@code topic alice text},
     * {@code kick bob alice}, {@code mode alice +o bob}); null for the rest: a replayed or caught-up
     * message, the topic shown on join, a gap, a reply.
     */
    public static String label(JsonNode line) {
        return switch (line.path("type").asText()) {
            case "message" -> line.path("history").asBoolean() || line.path("missed").asBoolean() ? null
                    : "message " + line.get("id").asLong();
            case "join", "part", "quit" -> line.get("type").asText() + " " + line.get("nick").asText();
            case "nick" -> "nick " + line.get("nick").asText() + " " + line.get("new").asText();
            case "topic" -> line.hasNonNull("nick") ? "topic " + line.get("nick").asText() + " " + line.get("topic").asText()
                    : null;
            case "kick" -> "kick " + line.get("nick").asText() + " " + line.get("by").asText();
            case "mode" -> "mode " + line.get("by").asText() + " " + line.get("change").asText();
            default -> null;
        };
    }

    /** The sender saw its message {@code id} accepted (its echo, or its acknowledgement). */
    public Consistency acknowledged(String sender, String room, long id, String text) {
        acknowledged.add(new Ack(sender, room, id, text));
        return this;
    }

    /** What the store holds of {@code room} after the run, id to text. */
    public Consistency stored(String room, SortedMap<Long, String> events) {
        stored.put(room, new TreeMap<>(events));
        return this;
    }

    /** {@code client} was in {@code room} from its first id there to the end of the run. */
    public Consistency stayed(String client, String room) {
        stayed.computeIfAbsent(client, c -> new LinkedHashSet<>()).add(room);
        return this;
    }

    private List<Seen> seen(String client, String room) {
        return received.computeIfAbsent(client, c -> new LinkedHashMap<>()).computeIfAbsent(room, r -> new ArrayList<>());
    }

    /** Every violation found, one sentence each; empty when the run kept every promise. */
    public List<String> violations() {
        var violations = new ArrayList<String>();
        received.forEach((client, rooms) -> rooms.forEach((room, seen) -> checkView(client, room, seen, violations)));
        for (Ack ack : acknowledged) {
            String kept = stored.getOrDefault(ack.room(), new TreeMap<>()).get(ack.id());
            if (kept == null) {
                violations.add(ack.sender() + "'s acknowledged " + ack.room() + " #" + ack.id() + " is not in the store");
            } else if (!kept.equals(ack.text())) {
                violations.add(ack.sender() + "'s acknowledged " + ack.room() + " #" + ack.id() + " is stored as \""
                        + kept + "\", not \"" + ack.text() + "\"");
            }
        }
        stayed.forEach((client, rooms) -> rooms.forEach(room -> checkStay(client, room, violations)));
        events.forEach((client, rooms) -> rooms.forEach((room, labels) -> checkOrder(client, room, labels, violations)));
        return violations;
    }

    /**
     * The client's live events of the room, its own join aside, must be a subsequence of the room's
     * sequence (greedy matching finds one if there is one, repeated labels included); one that stayed
     * must have every event of the sequence from its first matched one on.
     */
    private void checkOrder(String client, String room, List<String> labels, List<String> violations) {
        List<String> sequence = sequences.get(room);
        if (sequence == null) {
            return;
        }
        String own = "join " + client;
        int at = 0;
        int first = -1;
        var matched = new ArrayList<String>();
        boolean in = false; // whether the client has seen its own join and not its own part or kick since
        for (String label : labels) {
            if (label.equals(own)) {
                if (in) {
                    violations.add(client + " in " + room + ": its own join twice");
                }
                in = true;
                continue;
            }
            if (label.equals("part " + client) || label.startsWith("kick " + client + " ")) {
                in = false;
            }
            int found = sequence.subList(at, sequence.size()).indexOf(label);
            if (found < 0) {
                boolean earlier = sequence.subList(0, at).contains(label);
                violations.add(client + " in " + room + ": \"" + label + "\" " + (earlier
                        ? "after \"" + matched.getLast() + "\", which the room's order puts after it (or seen twice)"
                        : "is not in the room's sequence"));
                continue;
            }
            at += found;
            if (first < 0) {
                first = at;
            }
            matched.add(label);
            at++;
        }
        if (first >= 0 && stayed.getOrDefault(client, Set.of()).contains(room)) {
            var expected = new ArrayList<>(sequence.subList(first, sequence.size()));
            expected.removeIf(own::equals);
            if (!expected.equals(matched)) {
                var missing = new ArrayList<>(expected);
                matched.forEach(missing::remove);
                violations.add(client + " stayed in " + room + " but did not see " + missing.size() + " of its events: "
                        + missing.subList(0, Math.min(10, missing.size())));
            }
        }
    }

    private void checkView(String client, String room, List<Seen> seen, List<String> violations) {
        SortedMap<Long, String> store = stored.getOrDefault(room, new TreeMap<>());
        long last = -1; // the highest id received or covered by a gap so far
        Set<Long> ids = new LinkedHashSet<>();
        for (Seen each : seen) {
            if (each.gap()) {
                if (last >= 0 && each.id() > last + 1) {
                    violations.add(client + " in " + room + ": hole " + (last + 1) + "-" + (each.id() - 1) + " before a gap");
                }
                last = Math.max(last, each.gapTo());
                continue;
            }
            if (!ids.add(each.id())) {
                violations.add(client + " in " + room + ": #" + each.id() + " received twice");
            } else if (last >= 0 && each.id() <= last) {
                violations.add(client + " in " + room + ": #" + each.id() + " after #" + last + " (out of order)");
            } else if (last >= 0 && each.id() > last + 1) {
                violations.add(client + " in " + room + ": hole " + (last + 1) + "-" + (each.id() - 1)
                        + " with no gap event");
            }
            String kept = store.get(each.id());
            if (kept == null) {
                violations.add(client + " in " + room + ": received #" + each.id() + " (\"" + each.text()
                        + "\"), which the store does not hold");
            } else if (!kept.equals(each.text())) {
                violations.add(client + " in " + room + ": received #" + each.id() + " as \"" + each.text()
                        + "\", stored as \"" + kept + "\"");
            }
            last = Math.max(last, each.id());
        }
    }

    private void checkStay(String client, String room, List<String> violations) {
        List<Seen> seen = received.getOrDefault(client, Map.of()).getOrDefault(room, List.of());
        SortedMap<Long, String> store = stored.getOrDefault(room, new TreeMap<>());
        if (seen.isEmpty()) {
            if (!store.isEmpty()) {
                violations.add(client + " stayed in " + room + " but received none of its " + store.size() + " events");
            }
            return;
        }
        long first = seen.getFirst().id();
        var covered = new java.util.HashSet<Long>();
        var delivered = new java.util.HashSet<Long>();
        for (Seen each : seen) {
            if (each.gap()) {
                for (long id = each.id(); id <= each.gapTo(); id++) {
                    covered.add(id);
                }
            } else {
                covered.add(each.id());
                delivered.add(each.id());
            }
        }
        for (Ack ack : acknowledged) { // a gap may stand for what retention dropped, never for an acknowledged message
            if (ack.room().equals(room) && ack.id() >= first && !delivered.contains(ack.id())) {
                violations.add(client + " stayed in " + room + " but never received " + ack.sender() + "'s acknowledged #"
                        + ack.id());
            }
        }
        var missing = new ArrayList<Long>();
        for (long id : store.tailMap(first).keySet()) {
            if (!covered.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            violations.add(client + " stayed in " + room + " but never received " + missing.size() + " stored events: "
                    + missing.subList(0, Math.min(10, missing.size())) + (missing.size() > 10 ? "…" : ""));
        }
    }

    /** Fails with every violation, or with a line that says how much was checked. */
    public void verify() {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " consistency violations:\n  "
                    + String.join("\n  ", violations.subList(0, Math.min(violations.size(), 50))));
        }
    }
}
