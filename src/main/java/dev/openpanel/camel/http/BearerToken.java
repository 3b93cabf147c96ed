package dev.openpanel.camel.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Checks the {@code Authorization: Bearer <token>} header of the HTTP intake and jobs endpoints against
 * {@code openpanel.intake.token}, in constant time. The token is asked for at every check, so a token file that
 * changes takes effect without a restart. No token configured means those endpoints are disabled.
 */
public final class BearerToken {

    private final Supplier<String> token;

    /** A fixed token; null or blank disables the endpoints. */
    public BearerToken(String token) {
        this(token == null || token.isBlank() ? null : () -> token);
    }

    /** A token that may change (e.g. read from a file); null disables the endpoints. */
    public BearerToken(Supplier<String> token) {
        this.token = token;
    }

    /** No token: the endpoints are disabled. */
    public static BearerToken disabled() {
        return new BearerToken((Supplier<String>) null);
    }

    /** Whether a token is configured (otherwise the endpoints answer as if they did not exist). */
    public boolean isEnabled() {
        return token != null;
    }

    /** Whether the header carries the configured token, as it is now. */
    public boolean isAuthorized(String authorizationHeader) {
        if (token == null || authorizationHeader == null) {
            return false;
        }
        String current = token.get();
        if (current == null || current.isBlank()) {
            return false;
        }
        byte[] expected = ("Bearer " + current.trim()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
