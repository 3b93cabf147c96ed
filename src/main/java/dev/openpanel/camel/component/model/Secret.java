package dev.openpanel.camel.component.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A client secret. Its {@code toString()} and its JSON form are masked, so a secret that ends up in a log line, an
 * exception or a marshalled message body shows as {@value #MASK}. Only {@link #reveal()} gives the value, and only
 * the code that sends it to the API or writes it to a secrets file calls it.
 */
public final class Secret {

    /** What a secret looks like wherever it is printed. */
    public static final String MASK = "[secret]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret value; it must not be empty. */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The plain value, for the API's authentication header and the secrets files only. */
    public String reveal() {
        return value;
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    /** Compares in constant time, so comparing secrets reveals nothing through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
