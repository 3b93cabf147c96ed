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

/**
 * {@code POST /events/deployment} (bean {@value #BEAN}): checks the bearer token, validates the event, and puts it on
 * the event channel ({@code openpanel.provisioning.from}). It answers {@code 202} only once the channel has the event
 * durably (the send returned), {@code 400} with every problem for an invalid event, {@code 401} without the token,
 * {@code 413} for an event over the size limit, {@code 503} when the channel refused it.
 */
public final class DeploymentIntake {

    /** Registry name of the bean. */
    public static final String BEAN = "deploymentIntake";
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentIntake.class);

    private final CamelContext context;
    private final BearerToken token;
    private final DeploymentEventParser parser;
    private final ProvisioningSettings settings;
    private volatile ProducerTemplate template;

    public DeploymentIntake(CamelContext context, BearerToken token, DeploymentEventParser parser, ProvisioningSettings settings) {
        this.context = context;
        this.token = token;
        this.parser = parser;
        this.settings = settings;
    }

    public void accept(Exchange exchange) {
        if (!HttpReplies.authorized(exchange, token)) {
            return;
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body != null && body.length > settings.maxEventBytes()) {
            HttpReplies.json(exchange, 413, Map.of("error", "Payload Too Large", "message",
                    "the event is " + body.length + " bytes; the limit is " + settings.maxEventBytes()));
            return;
        }
        DeploymentEvent event;
        try {
            event = parser.parse(body);
        } catch (InvalidEventException e) {
            LOG.info("Deployment event refused at intake: {}", e.getMessage());
            HttpReplies.json(exchange, 400, Map.of("error", "Bad Request", "message", e.getMessage(), "problems", e.getProblems()));
            return;
        }
        try {
            template().sendBodyAndHeader(settings.queue(), new String(body, StandardCharsets.UTF_8), Provisioning.EVENT_ID, event.eventId());
        } catch (RuntimeException e) {
            LOG.error("Event {} could not be queued on {}: {}", event.eventId(), settings.queue(), e.getMessage());
            HttpReplies.json(exchange, 503, Map.of("error", "Service Unavailable", "message",
                    "the event could not be queued; nothing was accepted, send it again"));
            return;
        }
        LOG.info("Event {} queued", event.eventId());
        HttpReplies.json(exchange, 202, Map.of("eventId", event.eventId(), "status", "queued"));
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
