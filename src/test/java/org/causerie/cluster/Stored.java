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
        var kept = new TreeMap<Long, String>();
        try (Store store = PostgresStore.open(jdbcUrl)) {
            long after = 0;
            for (Page<Entry.RoomMessage> page; !(page = store.roomAfter(room, after, 1000)).messages().isEmpty(); ) {
                for (Entry.RoomMessage message : page.messages()) {
                    kept.put(message.id(), message.text());
                    after = message.id();
                }
            }
        }
        return kept;
    }
}
