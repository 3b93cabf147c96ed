package dev.openpanel.camel.component.api;

import java.io.IOException;

import dev.openpanel.camel.component.model.ClientCredentials;

/** Sends one request to the Manage API and returns whatever it answered; no retries, no interpretation. */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends the request with the credentials' headers.
     *
     * @throws IOException when no answer arrived (see {@link TransportFailures} for whether the request left)
     */
    ApiResponse send(ApiRequest request, ClientCredentials credentials) throws IOException;

    @Override
    void close();
}
