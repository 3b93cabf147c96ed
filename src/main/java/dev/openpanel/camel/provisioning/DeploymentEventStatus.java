package dev.openpanel.camel.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;

import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.http.HttpReplies;

/**
 * {@code GET /events/deployment/{eventId}} (bean {@value #BEAN}), with the intake's bearer token: the event's state
 * from its journal, never a secret. {@code provisioned} (with the project, client and reference ids and statuses),
 * {@code in-progress} (received by the provisioning route, not finished: being provisioned or waiting for the API),
 * {@code dead-lettered} (with the reason), or {@code 404} {@code unknown} while no delivery of it has reached the
 * provisioning route (still queued, or never sent). A provisioned event id that was later sent with other content
 * stays {@code provisioned}, with that dead letter under {@code deadLetter}.
 */
public final class DeploymentEventStatus {

    /** Registry name of the bean. */
    public static final String BEAN = "deploymentEventStatus";
    /** Header with the event id of the request path. */
    public static final String EVENT_ID = "eventId";

    private final BearerToken token;
    private final EventRecords records;

    public DeploymentEventStatus(BearerToken token, EventRecords records) {
        this.token = token;
        this.records = records;
    }

    /** Answers the state of the event id in the path. */
    public void state(Exchange exchange) {
        if (!HttpReplies.authorized(exchange, token)) {
            return;
        }
        String eventId = exchange.getIn().getHeader(EVENT_ID, String.class);
        Optional<EventRecord> found = eventId == null || eventId.isBlank() ? Optional.empty() : records.find(eventId);
        if (found.isEmpty() || found.get().digest() == null) {
            HttpReplies.json(exchange, 404, Map.of("eventId", String.valueOf(eventId), "status", "unknown", "message",
                    "no delivery of this event id has reached provisioning: it is still queued if the intake answered 202, "
                            + "otherwise it was never received"));
            return;
        }
        HttpReplies.json(exchange, 200, describe(eventId, found.get()));
    }

    private static Map<String, Object> describe(String eventId, EventRecord record) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("eventId", eventId);
        state.put("status", record.completedAt() != null ? "provisioned" : record.deadLetterReason() != null ? "dead-lettered" : "in-progress");
        state.put("receivedAt", String.valueOf(record.receivedAt()));
        if (record.completedAt() != null) {
            state.put("provisionedAt", record.completedAt().toString());
        }
        List<Map<String, Object>> clients = new ArrayList<>();
        for (StepOutcome outcome : record.outcomes()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", outcome.id());
            step.put("name", outcome.name());
            if (outcome.type() != null) {
                step.put("type", outcome.type());
            }
            step.put("status", outcome.status());
            if (outcome.message() != null) {
                step.put("message", outcome.message());
            }
            if (outcome.step().equals("project")) {
                if (outcome.firstClientId() != null) {
                    step.put("firstClientId", outcome.firstClientId());
                }
                state.put("project", step);
            } else if (outcome.step().equals("reference")) {
                step.put("title", step.remove("name"));
                state.put("reference", step);
            } else {
                clients.add(step);
            }
        }
        state.put("clients", clients);
        if (record.deadLetterReason() != null) {
            state.put("deadLetter", Map.of("reason", record.deadLetterReason(), "at", String.valueOf(record.deadLetteredAt())));
        }
        return state;
    }
}
