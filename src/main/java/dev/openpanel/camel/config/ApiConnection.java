package dev.openpanel.camel.config;

import dev.openpanel.camel.component.model.Secret;

/**
 * The API the service talks to and as which root client.
 *
 * @param apiUrl   the API root (the component appends {@code /manage})
 * @param clientId the root client's id
 * @param secret   the root client's secret
 */
public record ApiConnection(String apiUrl, String clientId, Secret secret) {
}
