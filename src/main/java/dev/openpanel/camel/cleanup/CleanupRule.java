package dev.openpanel.camel.cleanup;

import java.time.Duration;
import java.time.Instant;

import com.google.re2j.Pattern;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;

/**
 * One rule of {@code config/cleanup.yaml}: every condition it sets must hold for a resource to be a candidate.
 *
 * @param name      the rule's name, for the report
 * @param resource  projects, clients or references
 * @param namePattern regex found in the name (the title for references), matched in linear time (RE2/J), or null
 * @param olderThan minimum age (createdAt; a reference's own date), or null
 * @param projectId only resources of this project (for projects: this project), or null
 * @param type      only clients of this type, or null
 */
public record CleanupRule(String name, OpenPanelResource resource, Pattern namePattern, Duration olderThan, String projectId,
        ClientType type) {

    /** Whether a resource with this name (title), project and age meets every condition but the client type. */
    public boolean matches(String name, String resourceProjectId, Instant age, Instant now) {
        return (namePattern == null || name != null && namePattern.matcher(name).find())
                && (projectId == null || projectId.equals(resourceProjectId))
                && (olderThan == null || age != null && !age.isAfter(now.minus(olderThan)));
    }

    /** Whether a client meets every condition of the rule. */
    public boolean matches(Client client, Instant now) {
        return matches(client.name(), client.projectId(), client.createdAt(), now) && (type == null || type == client.type());
    }
}
