package dev.openpanel.camel.provisioning;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.logging.InputEcho;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.rotation.RotationResult;

/**
 * The delivery steps of {@code routes/provisioning.camel.yaml} (bean {@value #BEAN}): {@link #resultMessage} makes the
 * result message, {@link #isPermanent} tells the error handler what to dead-letter, and {@link #deadLetter} says why
 * on the dead letter (and in the event id's journal, when it has one). The event's own steps are {@link ProvisioningSteps}.
 */
public final class Provisioning {

    /** Registry name of the bean. */
    public static final String BEAN = "provisioning";
    /** Header with the event id, on result messages and dead letters. */
    public static final String EVENT_ID = "OpenpanelEventId";
    /** Header with the reason an event was dead-lettered. */
    public static final String FAILURE_REASON = "OpenpanelFailureReason";
    /** Header with when an event was dead-lettered. */
    public static final String FAILED_AT = "OpenpanelFailedAt";

    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final DeploymentEventParser parser;
    private final OpenPanelMetrics metrics;

    public Provisioning(DeploymentEventParser parser, OpenPanelMetrics metrics) {
        this.parser = parser;
        this.metrics = metrics;
    }

    /** Replaces the {@link ProvisioningResult} in the body with the result message: JSON, with the new secrets. */
    public void resultMessage(Exchange exchange) {
        Message message = exchange.getIn();
        String eventId;
        String json;
        if (message.getBody() instanceof RotationResult rotation) {
            eventId = message.getHeader(EVENT_ID, String.class);
            json = "{\"eventId\":" + ManageJson.mapper().valueToTree(eventId) + ",\"rotation\":" + rotation.toJson(true) + "}";
        } else {
            ProvisioningResult result = message.getBody(ProvisioningResult.class);
            eventId = result.eventId();
            json = result.toJson(true);
        }
        message.setHeader(EVENT_ID, eventId);
        message.setHeader("JMSCorrelationID", eventId);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    /**
     * Whether the exchange failed for good: an invalid event, a 400 or 404 from the API, an event that cannot be
     * provisioned. A failure to deliver the result of a provisioned event is not: sending it is retried.
     */
    public boolean isPermanent(Exchange exchange) {
        Throwable failure = failure(exchange);
        return failure != null && !exchange.getProperty(ProvisioningSteps.PROVISIONED, false, Boolean.class) && OpenPanelErrors.isPermanent(failure);
    }

    /** Adds the reason to the (original) event about to go to the dead-letter channel, and logs it. */
    public void deadLetter(Exchange exchange) {
        Throwable failure = failure(exchange);
        String reason = reason(failure);
        String eventId = eventIdOf(exchange);
        Message message = exchange.getIn();
        message.setHeader(FAILURE_REASON, reason);
        message.setHeader(FAILED_AT, Instant.now().toString());
        if (eventId != null) {
            message.setHeader(EVENT_ID, eventId);
        }
        remember(exchange, reason);
        metrics.eventProvisioned("dead-lettered");
        LOG.warn("Event {} dead-lettered: {}", eventId == null ? "(no valid eventId)" : InputEcho.quoted(eventId), reason);
    }

    /** Writes the reason into the event id's journal (when the event got that far), for the event state endpoint. */
    private static void remember(Exchange exchange, String reason) {
        EventUnit unit = ProvisioningSteps.unit(exchange);
        if (unit == null) {
            return;
        }
        try {
            unit.journal().recordDeadLettered(reason);
        } catch (RuntimeException e) {
            LOG.warn("Event {}: the dead letter could not be recorded in its journal: {}", unit.event().eventId(), e.getMessage());
        }
    }

    /** Identifies this delivery, stable when the same message is delivered again (JMS message id, Kafka offset). */
    static String deliveryOf(Exchange exchange) {
        Message message = exchange.getIn();
        String jms = message.getHeader("JMSMessageID", String.class);
        if (jms != null) {
            return "jms:" + jms;
        }
        Object offset = message.getHeader("kafka.OFFSET");
        if (offset != null) {
            return "kafka:" + message.getHeader("kafka.TOPIC") + "/" + message.getHeader("kafka.PARTITION") + "/" + offset;
        }
        return "exchange:" + exchange.getExchangeId();
    }

    private String eventIdOf(Exchange exchange) {
        String known = exchange.getIn().getHeader(EVENT_ID, String.class);
        if (known != null) {
            return known;
        }
        return parser.eventIdOf(exchange.getIn().getBody(byte[].class));
    }

    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        if (api != null) {
            return api.getMessage();
        }
        InvalidEventException invalid = OpenPanelErrors.find(failure, InvalidEventException.class);
        if (invalid != null) {
            return invalid.getMessage();
        }
        ProvisioningRejectedException rejected = OpenPanelErrors.find(failure, ProvisioningRejectedException.class);
        if (rejected != null) {
            return rejected.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
