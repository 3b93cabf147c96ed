package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.component.model.Secret;

/**
 * What an event did: the project, each client and the reference with their status, and the secrets of the clients it
 * created. {@link #toJson(boolean)} is the result message; {@link #toString()} and {@link #describe()} never show a
 * secret.
 *
 * @param eventId     the event's id
 * @param repeated    true when the event id had been provisioned before: nothing was done this time
 * @param project     the project's outcome
 * @param clients     each listed client's outcome, in the event's order
 * @param reference   the reference's outcome, or null when the event has none
 * @param secrets     client id to secret for the clients the event created (empty for a repeated event)
 * @param secretsFile where those secrets are also kept, or null when none were created
 * @param processedAt when the event was provisioned
 */
public record ProvisioningResult(String eventId, boolean repeated, StepOutcome project, List<StepOutcome> clients,
        StepOutcome reference, Map<String, Secret> secrets, Path secretsFile, Instant processedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProvisioningResult {
        clients = List.copyOf(clients);
        secrets = Map.copyOf(secrets);
    }

    /** Whether anything was created or changed. */
    public boolean changedAnything() {
        List<StepOutcome> all = new ArrayList<>(clients);
        all.add(project);
        if (reference != null) {
            all.add(reference);
        }
        return all.stream().anyMatch(step -> !StepOutcome.UNCHANGED.equals(step.status()));
    }

    /**
     * The result as JSON. With secrets: the message for the results channel. Without: what a repeated event, a log or a
     * terminal may see.
     */
    public String toJson(boolean withSecrets) {
        ObjectNode root = JSON.createObjectNode().put("eventId", eventId).put("repeated", repeated)
                .put("processedAt", processedAt == null ? null : processedAt.toString());
        ObjectNode projectNode = step(root.putObject("project"), project, false);
        if (project.firstClientId() != null) {
            ObjectNode first = projectNode.putObject("firstClient").put("id", project.firstClientId()).put("type", "write");
            secret(first, project.firstClientId(), withSecrets);
        }
        ArrayNode clientNodes = root.putArray("clients");
        clients.forEach(client -> secret(step(clientNodes.addObject(), client, true), client.id(), withSecrets));
        if (reference == null) {
            root.putNull("reference");
        } else {
            step(root.putObject("reference"), reference, false);
        }
        root.put("secretsFile", secretsFile == null ? null : secretsFile.toString());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for the log and the command line: {@code project shop-eu created; 1 client created; reference created}. */
    public String describe() {
        StringBuilder text = new StringBuilder("project ").append(project.id()).append(' ').append(project.status());
        long created = clients.stream().filter(c -> StepOutcome.CREATED.equals(c.status())).count();
        if (!clients.isEmpty()) {
            text.append("; clients: ").append(created).append(" created, ").append(clients.size() - created).append(" unchanged");
        }
        if (reference != null) {
            text.append("; reference ").append(reference.status());
        }
        if (repeated) {
            text.append(" (provisioned before; nothing done now)");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ProvisioningResult[" + eventId + ": " + describe() + "]";
    }

    private static ObjectNode step(ObjectNode node, StepOutcome step, boolean client) {
        node.put("id", step.id()).put(client ? "name" : step.step().equals("reference") ? "title" : "name", step.name());
        if (client) {
            node.put("type", step.type());
        }
        node.put("status", step.status());
        if (step.message() != null) {
            node.put("message", step.message());
        }
        return node;
    }

    private void secret(ObjectNode node, String clientId, boolean withSecrets) {
        Secret secret = secrets.get(clientId);
        if (withSecrets && secret != null) {
            node.put("secret", secret.reveal());
        }
    }
}
