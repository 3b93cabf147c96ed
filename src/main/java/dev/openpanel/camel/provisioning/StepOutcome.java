package dev.openpanel.camel.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.state.Journal;

/**
 * How one step of an event ended: the project, a client or the reference, with what was done to it.
 *
 * @param step          the journal's name of the step ({@code project}, {@code client:<type>:<name>}, {@code reference})
 * @param id            the resource's id
 * @param name          its name (the title for the reference)
 * @param type          the client type; null for the project and the reference
 * @param status        {@value #CREATED}, {@value #UPDATED} or {@value #UNCHANGED}
 * @param message       what a person should know (changed fields, a lost secret), or null
 * @param firstClientId the first write client the API made with a created project, or null
 */
public record StepOutcome(String step, String id, String name, String type, String status, String message,
        String firstClientId) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";

    ObjectNode toJournalLine() {
        return Journal.line("done").put("step", step).put("id", id).put("name", name).put("type", type)
                .put("status", status).put("message", message).put("firstClientId", firstClientId);
    }

    static StepOutcome fromJournalLine(JsonNode line) {
        return new StepOutcome(text(line, "step"), text(line, "id"), text(line, "name"), text(line, "type"),
                text(line, "status"), text(line, "message"), text(line, "firstClientId"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
