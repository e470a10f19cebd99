package org.causerie;

import org.causerie.auth.Passwords;
import org.causerie.store.Store;
import org.causerie.store.jdbc.PostgresStore;
import org.causerie.store.jdbc.SqliteStore;

/**
 * Gives a test server an operator as {@code causerie server oper add} would: in its store (SQLite, or the
 * PostgreSQL schema of the wire suite's PostgreSQL run), before it starts.
 */
public final class OperatorSeed {
    private OperatorSeed() {}

    public static void add(TestServer server, String name, String password) {
        server.stop();
        String configured = server.config().store();
        try (Store store = configured.startsWith("jdbc:postgresql:") ? PostgresStore.open(configured)
                : SqliteStore.open(server.dataDir())) {
            store.setOperator(name, new Passwords().hash(password));
        }
        server.start();
    }
}
