package dev.openpanel.camel.cleanup;

import java.time.Duration;
import com.google.re2j.Pattern;

import dev.openpanel.camel.component.OpenPanelResource;
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
}
