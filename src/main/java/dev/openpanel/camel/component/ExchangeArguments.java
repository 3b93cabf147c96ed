package dev.openpanel.camel.component;

import org.apache.camel.Exchange;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.InvalidRequestException;

/** Reads an operation's arguments from the exchange (header first, then endpoint option) and writes its result. */
final class ExchangeArguments {

    private final Exchange exchange;
    private final OpenPanelEndpoint endpoint;

    ExchangeArguments(Exchange exchange, OpenPanelEndpoint endpoint) {
        this.exchange = exchange;
        this.endpoint = endpoint;
    }

    /** The id to act on: the {@code CamelOpenpanelId} header, else the {@code id} option. */
    String id(OpenPanelOperation operation) {
        String id = exchange.getIn().getHeader(OpenPanelConstants.ID, String.class);
        if (id == null) {
            id = endpoint.getId();
        }
        if (id == null || id.isBlank()) {
            throw refused(operation, "/{id}", operation.value() + " needs an id: set the " + OpenPanelConstants.ID
                    + " header or the endpoint's id option");
        }
        return id;
    }

    /** The project filter of a list: the {@code CamelOpenpanelProjectId} header, else the {@code projectId} option. */
    String projectFilter() {
        String projectId = exchange.getIn().getHeader(OpenPanelConstants.PROJECT_ID, String.class);
        return projectId != null ? projectId : endpoint.getProjectId();
    }

    /** The body as a request of the given type: that type already, a map, or JSON text. */
    <T> T body(OpenPanelOperation operation, Class<T> type) {
        Object body = exchange.getIn().getBody();
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        if (body == null) {
            throw refused(operation, "", operation.value() + " needs a body: a " + type.getSimpleName()
                    + ", a map or JSON text");
        }
        Object source = body instanceof java.util.Map || body instanceof CharSequence || body instanceof byte[]
                ? body : exchange.getIn().getBody(String.class);
        try {
            return ManageJson.readStrict(source, type);
        } catch (IllegalArgumentException e) {
            throw refused(operation, "", "the body is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Sets the result as the body. */
    void result(Object result) {
        exchange.getMessage().setBody(result);
    }

    /** Sets the result as the body and its id in the {@code CamelOpenpanelId} header. */
    void result(Object result, String id) {
        exchange.getMessage().setBody(result);
        exchange.getMessage().setHeader(OpenPanelConstants.ID, id);
    }

    private InvalidRequestException refused(OpenPanelOperation operation, String pathSuffix, String reason) {
        return new InvalidRequestException(ApiFailure.unanswered(operation.httpMethod(),
                "/manage/" + endpoint.getResource().value() + pathSuffix, reason));
    }
}
