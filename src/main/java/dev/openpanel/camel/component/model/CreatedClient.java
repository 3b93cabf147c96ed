package dev.openpanel.camel.component.model;

/** The answer to a client create: the client and its plain secret, shown this once. */
public record CreatedClient(Client client, Secret secret) {

    /** The client id with its secret. */
    public ClientCredentials credentials() {
        return new ClientCredentials(client.id(), secret);
    }
}
