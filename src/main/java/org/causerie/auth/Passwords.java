package org.causerie.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (Bouncy Castle), stored in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that the parameters can be raised later
 * without breaking stored hashes. The defaults are OWASP's minimum for Argon2id: 19 MiB, 2 passes.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the account does not exist, so that timing does not tell who is registered. */
    private final String decoy;

    public Passwords() {
        this(19 * 1024, 2);
    }

    /** Lighter parameters, for tests that register many accounts. */
    public Passwords(int memoryKib, int iterations) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.decoy = hash("not a password, only a decoy");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** True if {@code password} matches {@code stored}; compares in constant time. A null stored hash never matches. */
    public boolean verify(String password, String stored) {
        if (stored == null) {
            verify(password, decoy); // spend the same time as a real check
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        for (String param : parts[3].split(",")) {
            if (param.startsWith("m=")) {
                m = Integer.parseInt(param.substring(2));
            } else if (param.startsWith("t=")) {
                t = Integer.parseInt(param.substring(2));
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, salt, m, t, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Why {@code password} is not acceptable for an account, or null when it is. */
    public static String problem(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "a password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        return null;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(1)
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
