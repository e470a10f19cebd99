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
 *     first id in that room to the room's last, gaps aside: no acknowledged message lost for it.</li>
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

    /** A JSON line a client received: room events with an id, and gaps, are recorded; the rest ignored. */
    public Consistency receivedJson(String client, JsonNode line) {
        String type = line.path("type").asText();
        if (!line.hasNonNull("room")) {
            return this;
        }
        String room = line.get("room").asText();
        if (type.equals("gap")) {
            return gap(client, room, line.get("from").asLong(), line.get("to").asLong());
        }
        if (line.hasNonNull("id")) {
            return received(client, room, line.get("id").asLong(), line.path("text").asText(type));
        }
        return this;
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
        return violations;
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
