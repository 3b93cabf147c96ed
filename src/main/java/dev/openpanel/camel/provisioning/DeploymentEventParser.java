package dev.openpanel.camel.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.provisioning.event.EventChecker;
import dev.openpanel.camel.provisioning.event.EventDocument;
import dev.openpanel.camel.provisioning.event.EventProblem;
import dev.openpanel.camel.provisioning.event.StrictEventJson;
import dev.openpanel.camel.state.Sha256;

/**
 * Reads a deployment event and checks it against the schema of PRODUCT.md section 7 with the API's own rules (a name
 * is not empty, a domain and each CORS origin is an absolute URL, types come from their list, a date-time is an
 * ISO-8601 instant or a bare date): strict JSON binding to an {@link EventDocument}, then its Bean Validation
 * constraints. Every problem is reported with where it is ({@code clients[1].type: ...}), in the schema's order;
 * unknown fields are problems too, so a typo never goes unnoticed.
 */
public final class DeploymentEventParser {

    private final int maxBytes;

    /** @param maxBytes the largest event accepted, in bytes of UTF-8 */
    public DeploymentEventParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Parses and validates an event.
     *
     * @throws InvalidEventException listing every problem found
     */
    public DeploymentEvent parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException(List.of("the body is empty: send the event as JSON"));
        }
        if (body.length > maxBytes) {
            throw new InvalidEventException(List.of("the event is " + body.length + " bytes; the limit is " + maxBytes));
        }
        JsonNode root;
        try {
            root = StrictEventJson.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(List.of(jsonProblem(e)));
        } catch (IOException e) {
            throw new InvalidEventException(List.of("invalid JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(List.of("the event must be a JSON object"));
        }
        EventChecker.Checked checked = EventChecker.check(root);
        if (!checked.problems().isEmpty()) {
            throw new InvalidEventException(checked.problems().stream().map(EventProblem::toString).toList());
        }
        return checked.document().toEvent(canonicalDigest(root));
    }

    /** Parses and validates an event given as text. */
    public DeploymentEvent parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The event id of a body that may not be a valid event (for the reason on a dead letter), or null. */
    public String eventIdOf(byte[] body) {
        if (body == null || body.length > maxBytes) {
            return null;
        }
        try {
            JsonNode id = StrictEventJson.readTree(body).path("eventId");
            return id.isTextual() && !id.textValue().isBlank() ? id.textValue().trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The digest of the event's content, whatever its whitespace. */
    private static String canonicalDigest(JsonNode root) {
        try {
            return Sha256.hex(StrictEventJson.canonicalBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonProblem(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        return (e instanceof JsonParseException ? "invalid JSON" : "invalid event") + where + ": "
                + (newline < 0 ? reason : reason.substring(0, newline));
    }
}
