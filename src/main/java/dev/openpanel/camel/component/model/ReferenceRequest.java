package dev.openpanel.camel.component.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of a reference create or update; fields left null are not sent. The moment is sent as {@code datetime}
 * (the answer calls it {@code date}). When read from a map or JSON it may be an instant, an offset date-time or a
 * bare date (00:00 UTC). Updates cannot move a reference to another project.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferenceRequest(
        String projectId,
        String title,
        String description,
        @JsonProperty("datetime") @JsonDeserialize(using = FlexibleInstantDeserializer.class) Instant datetime) {

    /** A create or update request. */
    public static ReferenceRequest of(String projectId, String title, String description, Instant datetime) {
        return new ReferenceRequest(projectId, title, description, datetime);
    }
}
