package org.causerie.cluster;

import java.util.SortedMap;
import java.util.TreeMap;
import org.causerie.store.Entry;
import org.causerie.store.Page;
import org.causerie.store.Store;
import org.causerie.store.jdbc.PostgresStore;

/** What a PostgreSQL store holds of a room, read through the store's own interface, as a node would. */
final class Stored {
    private Stored() {}

    /** The room's messages, id to text, from the database at {@code jdbcUrl}. */
    static SortedMap<Long, String> room(String jdbcUrl, String room) {
        try (Store store = PostgresStore.open(jdbcUrl)) {
            return room(store, room);
        }
    }

    /** The room's messages, id to text, from an open store (for polling: opening one migrates and pools). */
    static SortedMap<Long, String> room(Store store, String room) {
        var kept = new TreeMap<Long, String>();
        long after = 0;
        for (Page<Entry.RoomMessage> page; !(page = store.roomAfter(room, after, 1000)).messages().isEmpty(); ) {
            for (Entry.RoomMessage message : page.messages()) {
                kept.put(message.id(), message.text());
                after = message.id();
            }
        }
        return kept;
    }
}
