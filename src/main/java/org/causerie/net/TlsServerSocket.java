package org.causerie.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A server socket whose connections speak TLS: {@link #accept} returns an {@link SSLSocket} in server
 * mode layered on the accepted TCP connection, before any handshake. The handshake runs later on the
 * connection's own thread ({@link Tls#handshake}): a slow or silent client must not hold up the accept
 * loop.
 */
final class TlsServerSocket extends ServerSocket {
    private final SSLContext context;
    private final SSLParameters parameters;

    TlsServerSocket(SSLContext context, SSLParameters parameters) throws IOException {
        this.context = context;
        this.parameters = parameters;
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        var tcp = new Tcp();
        implAccept(tcp);
        try {
            var tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true);
            tls.setSSLParameters(parameters);
            return tls;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
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
