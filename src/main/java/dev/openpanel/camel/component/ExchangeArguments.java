package dev.openpanel.camel.component;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.ensure.IntentRepository;
import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.ensure.WriteContext;
import dev.openpanel.camel.component.ensure.WriteResult;
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

    /**
     * What a write needs from the exchange: its snapshot (created when it has none), the job's intents (exchange
     * property {@code CamelOpenpanelIntents}) and key (header {@code CamelOpenpanelIntentKey}), else the snapshot's
     * in-memory intents under {@code defaultKey}, and the endpoint's write options.
     */
    WriteContext writeContext(ManageApi api, String defaultKey) {
        ResourceSnapshot snapshot = ResourceSnapshot.on(exchange, api);
        IntentRepository intents = exchange.getProperty(OpenPanelConstants.INTENTS, IntentRepository.class);
        String key = exchange.getIn().getHeader(OpenPanelConstants.INTENT_KEY, String.class);
        if (intents == null || key == null) {
            intents = snapshot.memoryIntents();
            key = defaultKey;
        }
        Boolean dryRun = exchange.getIn().getHeader(OpenPanelConstants.DRY_RUN, Boolean.class);
        String id = exchange.getIn().getHeader(OpenPanelConstants.ENSURE_ID, String.class);
        Boolean createIfAbsent = exchange.getIn().getHeader(OpenPanelConstants.CREATE_IF_ABSENT, Boolean.class);
        return new WriteContext(api, snapshot, intents, key, id != null ? id : endpoint.getId(),
                dryRun != null ? dryRun : endpoint.isDryRun(),
                createIfAbsent != null ? createIfAbsent : endpoint.isCreateIfAbsent(), endpoint.isNotFoundIsGone());
    }

    /**
     * Sets a write's result: the body, and the headers {@code CamelOpenpanelId}, {@code CamelOpenpanelOutcome},
     * {@code CamelOpenpanelChangedFields}, {@code CamelOpenpanelNote} and {@code CamelOpenpanelRecovered}.
     */
    void result(WriteResult result) {
        Message message = exchange.getMessage();
        message.setBody(result.body());
        message.setHeader(OpenPanelConstants.ID, result.id());
        message.setHeader(OpenPanelConstants.OUTCOME, result.outcome());
        message.setHeader(OpenPanelConstants.CHANGED_FIELDS, String.join(",", result.changedFields()));
        message.setHeader(OpenPanelConstants.NOTE, result.note());
        message.setHeader(OpenPanelConstants.RECOVERED, result.recovered());
        message.setHeader(OpenPanelConstants.FIRST_CLIENT_ID, result.firstClientId());
    }

    /** Sets the result as the body. */
    void result(Object result) {
        exchange.getMessage().setBody(result);
    }

    private InvalidRequestException refused(OpenPanelOperation operation, String pathSuffix, String reason) {
        return new InvalidRequestException(ApiFailure.unanswered(operation.httpMethod(),
                "/manage/" + endpoint.getResource().value() + pathSuffix, reason));
    }
}
