package org.causerie.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The server socket of a TLS door: {@link #accept} returns the TCP connection, on which {@link Tls#open}
 * later layers TLS in server mode, on the connection's own thread, after the admission let it in: a slow
 * or silent client must not hold up the accept loop, and a refused one costs no handshake.
 */
final class TlsServerSocket extends ServerSocket {

    TlsServerSocket() throws IOException {
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        var tcp = new Tcp();
        implAccept(tcp);
        return tcp;
    }

    /**
     * The TCP connection under the TLS layer. The JDK's {@code SSLSocket.close()} sends close_notify
     * under the lock its writer holds while blocked on a full send buffer; with SO_LINGER off it waits for
     * that lock for ever, so dropping a client that stopped reading, or stopping the server, would hang
     * on that client. With SO_LINGER reported as 0 it gives up the alert when the lock is taken and closes
     * the connection, which wakes the writer, as closing a plain socket does. The real SO_LINGER stays off:
     * a normal close still sends everything queued, then FIN.
     */
    private static final class Tcp extends Socket {
        @Override
        public int getSoLinger() {
            return 0;
        }
    }
}
