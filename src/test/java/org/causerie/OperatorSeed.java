package org.causerie;

import org.causerie.auth.Passwords;
import org.causerie.store.jdbc.SqliteStore;

/** Gives a test server an operator as {@code causerie server oper add} would: in its store, before it starts. */
final class OperatorSeed {
    private OperatorSeed() {}

    static void add(TestServer server, String name, String password) {
        server.stop();
        try (var store = SqliteStore.open(server.dataDir())) {
            store.setOperator(name, new Passwords().hash(password));
        }
        server.start();
    }
}
