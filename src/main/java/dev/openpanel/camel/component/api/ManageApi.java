package dev.openpanel.camel.component.api;

import java.time.Duration;

/**
 * The Manage API of one root client, typed: {@code api.projects().list()}, {@code api.clients().create(...)}. Every
 * call goes through the client's shared rate limiter. Obtain it from the {@code openpanel} component
 * ({@code OpenPanelComponent#getManageApi()}) so beans and {@code openpanel:} endpoints share one budget.
 */
public final class ManageApi {

    private final ManageApiClient client;
    private final ProjectsApi projects;
    private final ClientsApi clients;
    private final ReferencesApi references;
    private final OutcomeResolver resolver;

    public ManageApi(ManageApiClient client) {
        this.client = client;
        this.projects = new ProjectsApi(client);
        this.clients = new ClientsApi(client);
        this.references = new ReferencesApi(client);
        this.resolver = new OutcomeResolver(this, Duration.ofMinutes(2));
    }

    public ProjectsApi projects() {
        return projects;
    }

    public ClientsApi clients() {
        return clients;
    }

    public ReferencesApi references() {
        return references;
    }

    /** Finds out whether a create whose outcome is unknown took effect. */
    public OutcomeResolver resolver() {
        return resolver;
    }

    /** The low-level client, for its target and limiter. */
    public ManageApiClient client() {
        return client;
    }
}
