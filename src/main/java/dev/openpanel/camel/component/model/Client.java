package dev.openpanel.camel.component.model;

import java.time.Instant;

/**
 * A client as the Manage API returns it from reads and updates. The API also sends the secret's hash in these
 * answers; it is deliberately not part of this type (it is useless to callers and must not be logged either).
 */
public record Client(
        String id,
        String name,
        ClientType type,
        String projectId,
        String organizationId,
        boolean ignoreCorsAndSecret,
        Instant createdAt,
        Instant updatedAt) {
}
