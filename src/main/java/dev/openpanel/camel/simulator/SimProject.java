package dev.openpanel.camel.simulator;

import java.time.Instant;
import java.util.List;

/** A project as the simulator stores it. */
public record SimProject(String id, String organizationId, String name, String domain, List<String> cors,
        boolean crossDomain, List<String> types, boolean allowUnsafeRevenueTracking, Instant deleteAt, Instant createdAt,
        Instant updatedAt) {

    public boolean isSoftDeleted() {
        return deleteAt != null;
    }
}
