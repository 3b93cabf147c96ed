package dev.openpanel.camel.component.model;

import java.time.Instant;

/**
 * A reference: a marked moment on a project's analytics timeline. The API answers with {@code date}, although
 * requests call the same value {@code datetime} (see {@link ReferenceRequest}).
 */
public record Reference(
        String id,
        String title,
        String description,
        Instant date,
        String projectId,
        Instant createdAt,
        Instant updatedAt) {
}
