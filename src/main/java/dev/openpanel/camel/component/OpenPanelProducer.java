package dev.openpanel.camel.component;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Dispatches each exchange to the handler of the endpoint's resource. */
public class OpenPanelProducer extends DefaultProducer {

    private static final Map<OpenPanelResource, ResourceHandler> HANDLERS = Map.of(
            OpenPanelResource.PROJECTS, new ProjectsHandler(),
            OpenPanelResource.CLIENTS, new ClientsHandler(),
            OpenPanelResource.REFERENCES, new ReferencesHandler());

    public OpenPanelProducer(OpenPanelEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public OpenPanelEndpoint getEndpoint() {
        return (OpenPanelEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        OpenPanelEndpoint endpoint = getEndpoint();
        Object header = exchange.getIn().getHeader(OpenPanelConstants.OPERATION);
        OpenPanelOperation operation = header == null ? endpoint.getOperation()
                : header instanceof OpenPanelOperation op ? op : OpenPanelOperation.parse(header.toString());
        HANDLERS.get(endpoint.getResource()).handle(operation, new ExchangeArguments(exchange, endpoint), endpoint.manageApi());
    }
}
