package dev.openpanel.camel.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import dev.openpanel.camel.component.limit.CallPriority;

/**
 * The options of one {@code openpanel:} endpoint, as written in its URI
 * ({@code openpanel:clients?operation=list&projectId=shop}). The connection options are empty unless the endpoint
 * overrides the component's: then the endpoint calls that API as that root client, behind its own rate limiter.
 */
@UriParams
public class OpenPanelEndpointConfiguration {

    @UriPath(description = "The resource: projects, clients or references.", enums = "projects,clients,references")
    @Metadata(required = true)
    private OpenPanelResource resource;
    @UriParam(description = "What to do; the CamelOpenpanelOperation header overrides it.", defaultValue = "list",
              enums = "list,get,create,update,delete,ensure")
    private OpenPanelOperation operation = OpenPanelOperation.LIST;
    @UriParam(label = "producer", defaultValue = "false", description = "create, update, delete and ensure decide and report"
            + " (CamelOpenpanelOutcome would-create, would-update) but send no write; the CamelOpenpanelDryRun header"
            + " overrides it.")
    private boolean dryRun;
    @UriParam(label = "producer", defaultValue = "true", description = "Whether ensure creates a resource it does not find;"
            + " false: a missing resource fails as not found (an update of something that must exist). The"
            + " CamelOpenpanelCreateIfAbsent header overrides it.")
    private boolean createIfAbsent = true;
    @UriParam(label = "producer", defaultValue = "false", description = "Whether a delete of a resource that is not there"
            + " (404) succeeds with CamelOpenpanelOutcome already-gone instead of failing.")
    private boolean notFoundIsGone;
    @UriParam(label = "producer", defaultValue = "urgent", enums = "urgent,bulk", description = "How this endpoint's calls"
            + " wait for the shared rate limiter: urgent calls (events, one-shot commands) go ahead of waiting bulk calls;"
            + " bulk calls (imports, cleanups) yield to them, still get at least one permit in four, and are spread across"
            + " the window while they keep the budget busy. The CamelOpenpanelPriority header overrides it.")
    private CallPriority priority = CallPriority.URGENT;
    @UriParam(description = "Id of the resource to get, update or delete; the CamelOpenpanelId header overrides it.")
    private String id;
    @UriParam(description = "List only the clients or references of this project; the CamelOpenpanelProjectId header"
            + " overrides it.")
    private String projectId;
    @UriParam(label = "security", description = "Use another API root than the component's.")
    private String apiUrl;
    @UriParam(label = "security", description = "Use another root client than the component's.")
    private String clientId;
    @UriParam(label = "security", secret = true, description = "Secret of the other root client.")
    private String clientSecret;

    public OpenPanelResource getResource() {
        return resource;
    }

    public void setResource(OpenPanelResource resource) {
        this.resource = resource;
    }

    public OpenPanelOperation getOperation() {
        return operation;
    }

    public void setOperation(OpenPanelOperation operation) {
        this.operation = operation;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isCreateIfAbsent() {
        return createIfAbsent;
    }

    public void setCreateIfAbsent(boolean createIfAbsent) {
        this.createIfAbsent = createIfAbsent;
    }

    public boolean isNotFoundIsGone() {
        return notFoundIsGone;
    }

    public void setNotFoundIsGone(boolean notFoundIsGone) {
        this.notFoundIsGone = notFoundIsGone;
    }

    public CallPriority getPriority() {
        return priority;
    }

    public void setPriority(CallPriority priority) {
        this.priority = priority;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }
}
