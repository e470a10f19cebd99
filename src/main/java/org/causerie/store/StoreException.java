package org.causerie.store;

/** The store failed (a broken database connection, a full disk); the operation did not happen. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
