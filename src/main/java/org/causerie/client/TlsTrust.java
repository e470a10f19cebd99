package org.causerie.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What the client trusts on a TLS connection ({@code --tls}): by default the certificate authorities
 * the JDK trusts (the system's), plus those of a PEM file ({@code --tls-ca}: a private CA, or a
 * self-signed server's own certificate), with the host name checked against the certificate; or, for
 * trials only, anything ({@code --tls-insecure}). The TLS itself is the JDK's, TLS 1.3 and 1.2 only.
 */
public final class TlsTrust {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;
    private final boolean insecure;

    private TlsTrust(TrustManager trust, boolean insecure) {
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        this.insecure = insecure;
    }

    /** The system's authorities, and those of {@code caFile} (PEM, one or several certificates) if not null. */
    public static TlsTrust verifying(Path caFile) throws IOException {
        try {
            var system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            var anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("system-" + n++, ca);
                    }
                }
            }
            if (caFile != null) {
                for (Certificate ca : certificates(caFile)) {
                    anchors.setCertificateEntry("ca-" + n++, ca);
                }
            }
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return new TlsTrust(factory.getTrustManagers()[0], false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the trusted certificates: " + e.getMessage(), e);
        }
    }

    /** Trusts any certificate and checks no host name: anyone on the way can read and change the chat. */
    public static TlsTrust insecure() {
        return new TlsTrust(new TrustingAll(), true);
    }

    public boolean isInsecure() {
        return insecure;
    }

    /**
     * Layers TLS on {@code tcp}, connected to {@code address}, and runs the handshake within
     * {@code timeout} per read; the socket is closed if the handshake fails.
     */
    SSLSocket secure(Socket tcp, Address address, Duration timeout) throws IOException {
        var tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, address.host(), address.port(), true);
        try {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            if (!insecure) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the name asked for must be the certificate's
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            tls.startHandshake();
            tls.setSoTimeout(0);
            return tls;
        } catch (SocketTimeoutException e) {
            tls.close();
            throw new SSLHandshakeException("no TLS handshake within " + timeout.toSeconds()
                    + " s (is this the server's TLS port?)");
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /** Why a TLS connection failed, in words for the one line the user sees. */
    static String reason(SSLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (caused(e, CertPathBuilderException.class) || message.contains("unable to find valid certification path")) {
            return "the server's certificate is not trusted (give its CA with --tls-ca FILE;"
                    + " --tls-insecure skips the check, for trials)";
        }
        if (caused(e, CertificateExpiredException.class)) {
            return "the server's certificate has expired";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "the server's certificate is not for this host name (" + message + ")";
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return "the server does not speak TLS on this port";
        }
        if (message.contains("Remote host terminated the handshake")) {
            return "the server closed the connection during the handshake";
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private static boolean caused(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException {
        List<Certificate> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            found.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (NoSuchFileException e) {
            throw new IOException("the CA file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("the CA file " + file + " cannot be read (permission denied)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (found.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return found;
    }

    /** The trust of {@code --tls-insecure}: every check passes. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
