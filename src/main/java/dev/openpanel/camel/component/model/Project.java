package dev.openpanel.camel.component.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A project as the Manage API returns it. A project whose {@code deleteAt} is set is soft-deleted: gone from the
 * list, still readable by id until that time.
 */
public record Project(
        String id,
        String name,
        String organizationId,
        long eventsCount,
        List<ProjectType> types,
        String domain,
        List<String> cors,
        boolean crossDomain,
        boolean allowUnsafeRevenueTracking,
        JsonNode filters,
        Instant deleteAt,
        Instant createdAt,
        Instant updatedAt) {

    public Project {
        types = types == null ? List.of() : types.stream().filter(t -> t != null).toList();
        cors = cors == null ? List.of() : List.copyOf(cors);
    }

    /** Whether the project was deleted and waits for its final removal. */
    @JsonIgnore
    public boolean isPendingDeletion() {
        return deleteAt != null;
    }
}
