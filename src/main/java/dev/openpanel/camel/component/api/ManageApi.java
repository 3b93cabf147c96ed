package dev.openpanel.camel.component.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.openpanel.camel.component.limit.CallPriority;

/**
 * The Manage API of one root client, typed: {@code api.projects().list()}, {@code api.clients().create(...)}. Every
 * call goes through the client's shared rate limiter. Obtain it from the {@code openpanel} component
 * ({@code OpenPanelComponent#getManageApi()}) so beans and {@code openpanel:} endpoints share one budget. Its calls
 * are urgent; {@link #withPriority} gives the same API for bulk work.
 */
public final class ManageApi {

    private final ManageApiClient client;
    private final ProjectsApi projects;
    private final ClientsApi clients;
    private final ReferencesApi references;
    private final OutcomeResolver resolver;
    private final ManageApi base;
    private final Map<CallPriority, ManageApi> byPriority;

    public ManageApi(ManageApiClient client) {
        this(client, null);
    }

    private ManageApi(ManageApiClient client, ManageApi base) {
        this.client = client;
        this.projects = new ProjectsApi(client);
        this.clients = new ClientsApi(client);
        this.references = new ReferencesApi(client);
        this.resolver = new OutcomeResolver(this, Duration.ofMinutes(2));
        this.base = base == null ? this : base;
        if (base == null) {
            Map<CallPriority, ManageApi> views = new EnumMap<>(CallPriority.class);
            for (CallPriority priority : CallPriority.values()) {
                views.put(priority, priority == client.priority() ? this : new ManageApi(client.withPriority(priority), this));
            }
            this.byPriority = views;
        } else {
            this.byPriority = null;
        }
    }

    /**
     * This API with its calls at the given priority ({@code withPriority(CallPriority.BULK)} for imports and cleanups);
     * one instance per priority, sharing the client's limiter.
     */
    public ManageApi withPriority(CallPriority priority) {
        return base.byPriority.get(priority);
    }

    /** The instance {@link #withPriority} views share: the same one for every priority of a client. */
    public ManageApi base() {
        return base;
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
