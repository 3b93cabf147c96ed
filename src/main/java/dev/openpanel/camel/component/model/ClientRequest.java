package dev.openpanel.camel.component.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a client create or update; fields left null are not sent. Updates change the name only: the API
 * ignores {@code projectId} and {@code type} there. An empty {@code projectId} on create means no project.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientRequest(String name, String projectId, ClientType type) {

    /** A create or rename request. */
    public static ClientRequest of(String name, String projectId, ClientType type) {
        return new ClientRequest(name, projectId, type);
    }
}
