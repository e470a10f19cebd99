package org.causerie.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.causerie.store.Entry.RoomMessage;
import org.causerie.store.jdbc.SqliteStore;

/**
 * The child of {@link SqliteStoreTest#whatWasCommittedSurvivesAKilledProcess}: appends messages 1 to
 * N to a room, one append each, and prints each id only after its append has returned (committed).
 * Arguments: the data directory, N.
 */
public final class AppendUntilKilled {
    static final String ROOM = "#durable";

    private AppendUntilKilled() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        try (Store store = SqliteStore.open(dataDir)) {
            for (long id = 1; id <= count; id++) {
                store.append(List.of(new RoomMessage(ROOM, id, Instant.now(), "writer", "message " + id, false)));
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
