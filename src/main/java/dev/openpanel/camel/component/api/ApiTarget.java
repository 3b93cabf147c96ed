package dev.openpanel.camel.component.api;

import java.util.Objects;

import dev.openpanel.camel.component.model.ClientCredentials;

/**
 * Where calls go and as whom: the API root (the client appends {@code /manage}) and where the root client's
 * credentials come from (asked again for every request).
 *
 * @param apiUrl the API root without a trailing slash, e.g. {@code https://api.openpanel.dev}
 * @param source the root client's id and secret, current at each request
 */
public record ApiTarget(String apiUrl, CredentialsSource source) {

    public ApiTarget {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(source, "source");
        while (apiUrl.endsWith("/")) {
            apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
        }
    }

    /** A target whose credentials never change. */
    public ApiTarget(String apiUrl, ClientCredentials credentials) {
        this(apiUrl, CredentialsSource.fixed(credentials));
    }

    /** The credentials to send now. */
    public ClientCredentials credentials() {
        return source.current();
    }

    /** The current root client id. */
    public String clientId() {
        return credentials().clientId();
    }
}
