package dev.openpanel.camel.component.api;

import java.util.Objects;

import dev.openpanel.camel.component.model.ClientCredentials;

/**
 * Where a root client's id and secret come from, asked before every request so that credentials that change while
 * the service runs (a mounted secret file that is rewritten) are used from the next request on. Implementations must
 * be cheap and thread-safe.
 */
@FunctionalInterface
public interface CredentialsSource {

    /** The credentials to send now. */
    ClientCredentials current();

    /** Credentials that never change. */
    static CredentialsSource fixed(ClientCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return () -> credentials;
    }
}
