package dev.openpanel.camel.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer <token>} header of the HTTP intake and jobs endpoints against
 * {@code openpanel.intake.token}, in constant time. No token configured means those endpoints are disabled.
 */
public final class BearerToken {

    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.trim()).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a token is configured (otherwise the endpoints answer as if they did not exist). */
    public boolean isEnabled() {
        return expected != null;
    }

    /** Whether the header carries the configured token. */
    public boolean isAuthorized(String authorizationHeader) {
        if (expected == null || authorizationHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
