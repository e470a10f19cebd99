package org.causerie.net;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The TLS door's key manager, whose key and certificate chain can be replaced while the server runs (a
 * renewed certificate). Every handshake asks it for the key and chain, so a connection made after a
 * {@link #swap} proves itself with the new pair, while connections already established keep their session
 * and are not touched. A handshake asks first for an alias, then for the chain and the key of that alias:
 * the alias names the generation of the pair it came from, so a swap between those calls cannot give a
 * handshake the chain of one pair and the key of the other.
 */
final class SwappableKeys extends X509ExtendedKeyManager {
    /** The in-memory key store's password: it never leaves the process, so it protects nothing. */
    private static final char[] STORE_PASSWORD = "causerie".toCharArray();

    private record Generation(int number, X509ExtendedKeyManager keys) {}

    /** The pair in use, and the one before it, for the handshakes that chose its alias before a swap. */
    private volatile Generation current;
    private volatile Generation previous;

    SwappableKeys(Identity identity) throws TlsSetupException {
        current = new Generation(0, managerOf(identity));
        previous = current;
    }

    /** From now on, handshakes use this pair. */
    synchronized void swap(Identity identity) throws TlsSetupException {
        var next = new Generation(current.number() + 1, managerOf(identity));
        previous = current;
        current = next;
    }

    private static String tagged(Generation generation, String alias) {
        return alias == null ? null : generation.number() + ":" + alias;
    }

    /** The generation an alias came from (the current one when it is no longer known) and its own alias. */
    private Generation generationOf(String alias) {
        Generation now = current;
        Generation before = previous;
        int colon = alias == null ? -1 : alias.indexOf(':');
        if (colon > 0 && alias.substring(0, colon).equals(String.valueOf(before.number()))) {
            return before;
        }
        return now;
    }

    private static String untagged(String alias) {
        int colon = alias == null ? -1 : alias.indexOf(':');
        return colon < 0 ? alias : alias.substring(colon + 1);
    }

    private static X509ExtendedKeyManager managerOf(Identity identity) throws TlsSetupException {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.key(), STORE_PASSWORD, identity.chain().toArray(Certificate[]::new));
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            return (X509ExtendedKeyManager) keys.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new TlsSetupException("cannot set up TLS with this key and certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.keys().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.keys().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.keys().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation generation = current;
        return tagged(generation, generation.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation generation = current;
        return tagged(generation, generation.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current.keys().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return generationOf(alias).keys().getCertificateChain(untagged(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return generationOf(alias).keys().getPrivateKey(untagged(alias));
    }
}
