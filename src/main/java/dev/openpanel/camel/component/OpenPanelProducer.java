package dev.openpanel.camel.component;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.limit.CallPriority;

/**
 * Performs the operation of each exchange (the header, else the endpoint's option) on the endpoint's resource, at the
 * exchange's priority (the {@code CamelOpenpanelPriority} header, else the endpoint's {@code priority} option).
 */
public class OpenPanelProducer extends DefaultProducer {

    private final ResourceOperations operations = new ResourceOperations();

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
        Object priority = exchange.getIn().getHeader(OpenPanelConstants.PRIORITY);
        CallPriority callPriority = priority == null ? endpoint.getPriority()
                : priority instanceof CallPriority p ? p : CallPriority.parse(priority.toString());
        operations.perform(ResourceKind.of(endpoint.getResource()), operation, new ExchangeArguments(exchange, endpoint),
                endpoint.manageApi().withPriority(callPriority));
    }
}
