package org.causerie.auth;

import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.store.Store;

/**
 * Server operators are the accounts whose password was set by whoever runs the server
 * ({@code causerie server oper add NAME}), marked as such in the store: never a name that whoever
 * registers first would own. {@code --oper NAME} names operators the server must have: it refuses to
 * start, with one line, if one of them has no such credentials.
 */
public final class Operators {
    private Operators() {}

    /** A name given with {@code --oper} that the store cannot vouch for. */
    public static final class Unverified extends RuntimeException {
        Unverified(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The operators in the store, after checking that each of {@code required} is one of them; says at
     * start which there are (the audit log).
     */
    public static List<String> verify(Store store, List<String> required) {
        List<String> operators = store.operators();
        List<String> known = operators.stream().map(Store::fold).toList();
        for (String name : required) {
            if (!known.contains(Store.fold(name))) {
                throw new Unverified("--oper " + name + ": " + name + " has no operator credentials in this store;"
                        + " set them first with: causerie server oper add " + name);
            }
        }
        Audit.event("server_operators", "names", operators.isEmpty() ? "none" : String.join(",", operators));
        return operators;
    }
}
