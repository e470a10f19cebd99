package org.causerie.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** Runs a client as {@code causerie client} does, with its streams given, so that tests can run it too. */
public final class Client {
    private Client() {}

    /**
     * Connects (or reports that it cannot, with status 1), then runs the interactive session when
     * {@code terminal} is true, the pipe session otherwise. Returns the exit status.
     */
    public static int run(ClientOptions options, boolean terminal, InputStream in, OutputStream out, PrintStream err)
            throws IOException, InterruptedException {
        if (options.tls() != null && options.tls().isInsecure()) {
            err.println("warning: --tls-insecure: the server's certificate is not checked;"
                    + " anyone on the way can read and change this conversation");
        }
        if (terminal) {
            return InteractiveSession.atTerminal(options, err);
        }
        ServerLink link = new Connector(options.hosts(), options.tls(), options.retry(), err).connect();
        if (link == null) {
            return 1;
        }
        return new PipeSession(link, in, out, options).run();
    }
}
