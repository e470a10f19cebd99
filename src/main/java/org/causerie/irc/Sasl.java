package org.causerie.irc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.causerie.chat.ChatException;

/**
 * SASL PLAIN over AUTHENTICATE, against Causerie's accounts (the same login, throttle and password
 * hashing as {@code /login}). The client's response comes base64-encoded in chunks of 400 bytes; a
 * chunk shorter than 400 (or {@code +} after a full one) ends it. Only before registration.
 */
final class Sasl {
    static final int CHUNK = 400;
    /** authzid, authcid and password, encoded: far more than any real login needs. */
    private static final int MAX_RESPONSE = 1600;

    private final StringBuilder response = new StringBuilder();

    private Sasl() {}

    static void authenticate(IrcClient client, IrcMessage message) {
        String arg = message.param(0);
        if (client.registered() || client.session().account() != null) {
            client.numeric("907", "You have already authenticated");
            return;
        }
        if (!client.has(Cap.SASL)) {
            client.numeric("904", "SASL authentication failed: request the sasl capability first");
            return;
        }
        if (arg.equals("*")) {
            client.sasl = null;
            client.numeric("906", "SASL authentication aborted");
            return;
        }
        if (client.sasl == null) {
            if (!arg.equalsIgnoreCase("PLAIN")) {
                client.numeric("908", "PLAIN", "are available SASL mechanisms");
                client.numeric("904", "SASL authentication failed");
                return;
            }
            client.sasl = new Sasl();
            client.line("AUTHENTICATE +");
            return;
        }
        Sasl sasl = client.sasl;
        if (arg.length() > CHUNK || sasl.response.length() + arg.length() > MAX_RESPONSE) {
            client.sasl = null;
            client.numeric("905", "SASL message too long");
            return;
        }
        if (!arg.equals("+")) {
            sasl.response.append(arg);
        }
        if (arg.length() == CHUNK) {
            return; // more to come
        }
        client.sasl = null;
        sasl.finish(client);
    }

    private void finish(IrcClient client) {
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(response.toString()), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            client.numeric("904", "SASL authentication failed: not base64");
            return;
        }
        if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
            client.numeric("904", "SASL authentication failed: PLAIN is authzid NUL authcid NUL password");
            return;
        }
        try {
            client.missed.addAll(client.hub().accounts().login(client.session(), client.connection().address(), parts[1],
                    parts[2]));
        } catch (ChatException refused) {
            client.numeric("904", "SASL authentication failed: " + refused.getMessage());
            return;
        }
        String account = client.session().nick();
        client.numeric("900", client.mask(), account, "You are now logged in as " + account);
        client.numeric("903", "SASL authentication successful");
    }
}
