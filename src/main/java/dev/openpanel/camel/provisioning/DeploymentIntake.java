package dev.openpanel.camel.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.http.HttpReplies;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * {@code POST /events/deployment} (bean {@value #BEAN}): checks the bearer token, validates the event, and puts it on
 * the event channel ({@code openpanel.provisioning.from}). It answers {@code 202} only once the channel has the event
 * durably (the send returned), {@code 400} with every problem for an invalid event, {@code 401} without the token,
 * {@code 409} for an event id received before with other content (its journal's digest differs), {@code 413} for an
 * event over the size limit, {@code 415} for a form-encoded body (which the HTTP server turns into form fields: the
 * body is read as JSON whatever else the {@code Content-Type} says, or without one), {@code 503} when the channel
 * refused it.
 */
public final class DeploymentIntake {

    /** Registry name of the bean. */
    public static final String BEAN = "deploymentIntake";
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentIntake.class);

    private final CamelContext context;
    private final BearerToken token;
    private final DeploymentEventParser parser;
    private final ProvisioningSettings settings;
    private final EventRecords records;
    private final OpenPanelMetrics metrics;
    private final String unavailable;
    private volatile ProducerTemplate template;

    /** @param unavailable why no event can be accepted (every authorised request is answered 503 with it), or null */
    public DeploymentIntake(CamelContext context, BearerToken token, DeploymentEventParser parser, ProvisioningSettings settings,
            EventRecords records, OpenPanelMetrics metrics, String unavailable) {
        this.context = context;
        this.metrics = metrics;
        this.token = token;
        this.parser = parser;
        this.settings = settings;
        this.records = records;
        this.unavailable = unavailable;
    }

    public void accept(Exchange exchange) {
        if (!HttpReplies.authorized(exchange, token)) {
            metrics.eventRefused(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
            return;
        }
        if (unavailable != null) {
            refuse(exchange, 503, Map.of("error", "Service Unavailable", "message", unavailable));
            return;
        }
        String formType = FormBodies.formType(exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class));
        if (formType != null) {
            LOG.info("Deployment event refused at intake: sent as {}", formType);
            refuse(exchange, 415, Map.of("error", "Unsupported Media Type", "message", FormBodies.refusal(formType)));
            return;
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body != null && body.length > settings.maxEventBytes()) {
            refuse(exchange, 413, Map.of("error", "Payload Too Large", "message",
                    "the event is " + body.length + " bytes; the limit is " + settings.maxEventBytes()));
            return;
        }
        DeploymentEvent event;
        try {
            event = parser.parse(body);
        } catch (InvalidEventException e) {
            LOG.info("Deployment event refused at intake: {}", e.getMessage());
            refuse(exchange, 400, Map.of("error", "Bad Request", "message", e.getMessage(), "problems", e.getProblems()));
            return;
        }
        String conflict = conflict(event);
        if (conflict != null) {
            LOG.info("Deployment event refused at intake: {}", conflict);
            refuse(exchange, 409, Map.of("error", "Conflict", "eventId", event.eventId(), "message", conflict));
            return;
        }
        try {
            template().sendBodyAndHeader(settings.queue(), new String(body, StandardCharsets.UTF_8), Provisioning.EVENT_ID, event.eventId());
        } catch (RuntimeException e) {
            LOG.error("Event {} could not be queued on {}: {}", event.eventId(), settings.queue(), e.getMessage());
            refuse(exchange, 503, Map.of("error", "Service Unavailable", "message",
                    "the event could not be queued; nothing was accepted, send it again"));
            return;
        }
        LOG.info("Event {} queued", event.eventId());
        HttpReplies.json(exchange, 202, Map.of("eventId", event.eventId(), "status", "queued"));
    }

    private void refuse(Exchange exchange, int status, Object body) {
        metrics.eventRefused(status);
        HttpReplies.json(exchange, status, body);
    }

    /** Why the event id cannot take this content (it came before with other content), or null. */
    private String conflict(DeploymentEvent event) {
        return records.find(event.eventId()).map(EventRecord::digest)
                .filter(digest -> !digest.equals(event.digest()))
                .map(digest -> ProvisioningSteps.conflict(event.eventId()))
                .orElse(null);
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
