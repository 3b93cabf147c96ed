package dev.openpanel.camel.component.api;

import static dev.openpanel.camel.component.OpenPanelResource.CLIENTS;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.logging.SecretMasker;

/** The five client calls. */
public final class ClientsApi {

    private static final String PATH = "/manage/clients";

    private final ManageApiClient client;

    ClientsApi(ManageApiClient client) {
        this.client = client;
    }

    /** All clients of the organisation (root ones too, and those of projects pending deletion), newest first. */
    public List<Client> list() {
        return list(null);
    }

    /** The clients of one project, or all of them when {@code projectId} is null or empty. */
    public List<Client> list(String projectId) {
        ApiRequest request = ApiRequest.of(CLIENTS, OpenPanelOperation.LIST, PATH, PathIds.projectFilter(CLIENTS, projectId));
        return ManageJson.convertList(ManageJson.data(request, client.execute(request)), Client.class);
    }

    public Client get(String id) {
        ApiRequest request = ApiRequest.of(CLIENTS, OpenPanelOperation.GET, path(OpenPanelOperation.GET, id), null);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Client.class);
    }

    /**
     * Creates a client and returns its secret, which the API shows only this once. On
     * {@link dev.openpanel.camel.component.error.OutcomeUnknownException} look it up by (name, project, type) first.
     */
    public CreatedClient create(ClientRequest newClient) {
        ApiRequest request = new ApiRequest(CLIENTS, OpenPanelOperation.CREATE, PATH, null, ManageJson.write(newClient), newClient);
        JsonNode data = ManageJson.data(request, client.execute(request));
        String secret = data.path("secret").asText(null);
        SecretMasker.remember(secret);
        return new CreatedClient(ManageJson.convert(data, Client.class), secret == null ? null : Secret.of(secret));
    }

    /** Renames a client: the name is the only field the API changes. */
    public Client update(String id, ClientRequest changes) {
        ApiRequest request = new ApiRequest(CLIENTS, OpenPanelOperation.UPDATE, path(OpenPanelOperation.UPDATE, id), null,
                ManageJson.write(changes), changes);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Client.class);
    }

    /** Deletes a client for good. */
    public void delete(String id) {
        client.execute(ApiRequest.of(CLIENTS, OpenPanelOperation.DELETE, path(OpenPanelOperation.DELETE, id), null));
    }

    private static String path(OpenPanelOperation operation, String id) {
        return PATH + "/" + PathIds.checked(CLIENTS, operation, id);
    }
}
