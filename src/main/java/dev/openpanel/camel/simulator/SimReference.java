package dev.openpanel.camel.simulator;

import java.time.Instant;

/** A reference as the simulator stores it. */
public record SimReference(String id, String projectId, String title, String description, Instant date,
        Instant createdAt, Instant updatedAt) {
}
