package dev.openpanel.camel.simulator;

import java.time.Instant;

/** A client as the simulator stores it: the secret only as a salted hash, as the server does. */
public record SimClient(String id, String organizationId, String name, String type, String projectId, String secretHash,
        Instant createdAt, Instant updatedAt) {
}
