package dev.openpanel.camel.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Client secrets as the server makes and stores them: {@code sec_} + 20 hex, stored as {@code <32 hex salt>.<64 hex hash>}. */
final class SecretHashes {

    private SecretHashes() {
    }

    static String newSecret(Random random) {
        return "sec_" + hex(random, 10);
    }

    static String hash(String secret, Random random) {
        String salt = hex(random, 16);
        return salt + "." + sha256(salt + secret);
    }

    static boolean matches(String storedHash, String secret) {
        int dot = storedHash.indexOf('.');
        String expected = storedHash.substring(dot + 1);
        String actual = sha256(storedHash.substring(0, dot) + secret);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
