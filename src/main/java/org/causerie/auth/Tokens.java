package org.causerie.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Session tokens: 256 random bits, shown to the client once as 43 characters of unpadded base64url;
 * the server keeps only their SHA-256 (hex). A fast hash is enough here, unlike for passwords: the
 * token is random, so there is nothing to guess from its hash.
 */
public final class Tokens {
    public static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** A fresh token, as the client is given it. */
    public String issue() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** Whether {@code token} has the form of one this class issues (checked before any look-up). */
    public static boolean wellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    /** What the store keeps of a token: the hex SHA-256 of its text. */
    public static String hash(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
