package dev.openpanel.camel.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.limit.CallPriority;

/**
 * Manage OpenPanel projects, clients and references through the OpenPanel Manage API.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "openpanel", title = "OpenPanel", syntax = "openpanel:resource",
             producerOnly = true, category = { Category.SAAS, Category.MONITORING }, headersClass = OpenPanelConstants.class)
public class OpenPanelEndpoint extends DefaultEndpoint {

    @UriParam
    private final OpenPanelEndpointConfiguration configuration;

    OpenPanelEndpoint(String uri, OpenPanelComponent component, OpenPanelEndpointConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public OpenPanelComponent getComponent() {
        return (OpenPanelComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new OpenPanelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("openpanel: endpoints only send requests; use them in to(...)");
    }

    /** The Manage API of this endpoint's root client (the component's unless overridden). */
    ManageApi manageApi() {
        OpenPanelComponent component = getComponent();
        String apiUrl = configuration.getApiUrl();
        String clientId = configuration.getClientId();
        String clientSecret = configuration.getClientSecret();
        return clientId == null && apiUrl == null
                ? component.getManageApi()
                : component.manageApi(apiUrl != null ? apiUrl : component.getApiUrl(),
                        clientId != null ? clientId : component.getClientId(),
                        clientSecret != null ? clientSecret : component.getClientSecret());
    }

    /** The endpoint's options. */
    public OpenPanelEndpointConfiguration getConfiguration() {
        return configuration;
    }

    public OpenPanelResource getResource() {
        return configuration.getResource();
    }

    public OpenPanelOperation getOperation() {
        return configuration.getOperation();
    }

    public boolean isDryRun() {
        return configuration.isDryRun();
    }

    public boolean isCreateIfAbsent() {
        return configuration.isCreateIfAbsent();
    }

    public boolean isNotFoundIsGone() {
        return configuration.isNotFoundIsGone();
    }

    public CallPriority getPriority() {
        return configuration.getPriority();
    }

    public String getId() {
        return configuration.getId();
    }

    public String getProjectId() {
        return configuration.getProjectId();
    }
}
