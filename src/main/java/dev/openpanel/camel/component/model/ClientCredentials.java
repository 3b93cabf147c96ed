package dev.openpanel.camel.component.model;

import java.util.Objects;

/** A client id with its plain secret, as the API returns it once on creation. */
public record ClientCredentials(String clientId, Secret secret) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
    }
}
