package dev.openpanel.camel.component.api;

import java.util.Objects;

import dev.openpanel.camel.component.model.ClientCredentials;

/**
 * Where calls go and as whom: the API root (the client appends {@code /manage}) and a root client's credentials.
 *
 * @param apiUrl      the API root without a trailing slash, e.g. {@code https://api.openpanel.dev}
 * @param credentials the root client's id and secret
 */
public record ApiTarget(String apiUrl, ClientCredentials credentials) {

    public ApiTarget {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(credentials, "credentials");
        while (apiUrl.endsWith("/")) {
            apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
        }
    }

    public String clientId() {
        return credentials.clientId();
    }
}
