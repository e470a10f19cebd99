package org.causerie.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Numbering by the store ({@link Store#appendCounted}): room and private messages come with id 0 and
 * take the next ids of their room or conversation; an offline mark takes the id of the private message
 * before it in the list. The counters are named {@code "r " + folded room} and
 * {@code "p " + conversation}; a room's events and messages together also take a place in the room's
 * sequence, counter {@code "s " + folded room} (a cluster's order of everything a room's members see).
 */
public final class Counted {
    private Counted() {}

    /**
     * How many new ids each counter needs, by counter name in sorted order: a store that locks counter
     * rows takes them in this order, so that two nodes' transactions never wait for each other in a cycle.
     */
    public static TreeMap<String, Integer> needs(List<Entry> entries) {
        var needs = new TreeMap<String, Integer>();
        for (Entry entry : entries) {
            String counter = counter(entry);
            if (counter != null) {
                needs.merge(counter, 1, Integer::sum);
            }
            String sequence = sequence(entry);
            if (sequence != null) {
                needs.merge(sequence, 1, Integer::sum);
            }
        }
        return needs;
    }

    /** The counter an entry takes an id from; null for an offline mark, which takes its message's. */
    public static String counter(Entry entry) {
        return switch (entry) {
            case Entry.RoomMessage m -> "r " + Store.fold(m.room());
            case Entry.PrivateMessage p -> "p " + p.conversation();
            case Entry.RoomEvent e -> null;
            case Entry.Offline o -> null;
        };
    }

    /** The room sequence an entry takes a place in; null for a private message or an offline mark. */
    public static String sequence(Entry entry) {
        return switch (entry) {
            case Entry.RoomMessage m -> "s " + Store.fold(m.room());
            case Entry.RoomEvent e -> "s " + Store.fold(e.room());
            default -> null;
        };
    }

    /**
     * The entries numbered: {@code lastBefore} gives, for each counter, the last id taken before these
     * ({@code last id after the group} minus the group's need, for a store that raised the counter).
     */
    public static List<Entry> number(List<Entry> entries, Map<String, Long> lastBefore) {
        var next = new java.util.HashMap<>(lastBefore);
        var numbered = new ArrayList<Entry>(entries.size());
        long lastPrivate = 0;
        for (Entry entry : entries) {
            String counter = counter(entry);
            long id = counter == null ? lastPrivate : next.merge(counter, 1L, Long::sum);
            String sequence = sequence(entry);
            long seq = sequence == null ? 0 : next.merge(sequence, 1L, Long::sum);
            numbered.add(switch (entry) {
                case Entry.RoomMessage m -> new Entry.RoomMessage(m.room(), id, m.ts(), m.from(), m.text(), m.action(),
                        seq);
                case Entry.RoomEvent e -> new Entry.RoomEvent(e.room(), seq, e.ts(), e.kind(), e.nick(), e.target(),
                        e.text(), e.flag(), e.node(), e.about());
                case Entry.PrivateMessage p -> {
                    lastPrivate = id;
                    yield new Entry.PrivateMessage(p.conversation(), id, p.ts(), p.from(), p.to(), p.text());
                }
                case Entry.Offline o -> new Entry.Offline(o.accountId(), o.conversation(), lastPrivate);
            });
        }
        return numbered;
    }

    /** The numbering of a store in one process: each counter resumes from the last stored id, under one lock. */
    static List<Entry> appendInProcess(Store store, List<Entry> entries,
            BiFunction<Store, String, Long> last) {
        synchronized (store) {
            var before = new java.util.HashMap<String, Long>();
            for (String counter : needs(entries).keySet()) {
                before.put(counter, last.apply(store, counter));
            }
            List<Entry> numbered = number(entries, before);
            store.append(numbered);
            return numbered;
        }
    }
}
