package dev.openpanel.camel.component.kind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.CreatedClient;

/** Clients: found by (name, project, type); the name is the only field the API changes. */
final class ClientKind implements ResourceKind<Client, ClientRequest> {

    static final ClientKind INSTANCE = new ClientKind();

    @Override
    public OpenPanelResource resource() {
        return OpenPanelResource.CLIENTS;
    }

    @Override
    public Class<ClientRequest> requestType() {
        return ClientRequest.class;
    }

    @Override
    public List<Client> list(ManageApi api, String projectId) {
        return api.clients().list(projectId);
    }

    @Override
    public Client get(ManageApi api, String id) {
        return api.clients().get(id);
    }

    @Override
    public Created<Client> create(ManageApi api, ClientRequest desired) {
        CreatedClient created = api.clients().create(desired);
        return new Created<>(created.client(), created);
    }

    @Override
    public Client update(ManageApi api, String id, ClientRequest changes) {
        return api.clients().update(id, changes);
    }

    @Override
    public void delete(ManageApi api, String id) {
        api.clients().delete(id);
    }

    @Override
    public String id(Client resource) {
        return resource.id();
    }

    @Override
    public Instant createdAt(Client resource) {
        return resource.createdAt();
    }

    @Override
    public String projectOf(Client resource) {
        return resource.projectId();
    }

    @Override
    public String projectOfRequest(ClientRequest request) {
        return request.projectId();
    }

    @Override
    public boolean hasKeyOf(Client resource, ClientRequest desired) {
        return NaturalKeys.isClient(resource, desired.name(), desired.projectId(), desired.type());
    }

    @Override
    public String describeKey(ClientRequest desired) {
        return (desired.type() == null ? "write" : desired.type().value()) + " client '" + desired.name() + "' of project '"
                + desired.projectId() + "'";
    }

    @Override
    public Optional<ClientRequest> changes(Client current, ClientRequest desired) {
        return desired.name() == null || Objects.equals(desired.name(), current.name()) ? Optional.empty()
                : Optional.of(ClientRequest.of(desired.name(), null, null));
    }

    @Override
    public List<String> fieldsOf(ClientRequest changes) {
        return changes.name() == null ? List.of() : List.of("name");
    }
}
