package org.causerie.net;

import java.io.IOException;

/**
 * The TLS door cannot be opened: a PEM file is missing, unreadable, not what it should be, encrypted,
 * or its key does not match its certificate. The message is one line for the operator, naming the file
 * and what to do; the server does not start.
 */
public final class TlsSetupException extends IOException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
