package dev.openpanel.camel.component;

import dev.openpanel.camel.component.model.LowerCaseEnums;

/** What an {@code openpanel:} endpoint does with its resource. */
public enum OpenPanelOperation {
    /** All resources of the organisation (clients and references: optionally of one project). */
    LIST("GET"),
    /** One resource by id. */
    GET("GET"),
    /** A new resource from the message body. */
    CREATE("POST"),
    /** Changes the fields the message body sets. */
    UPDATE("PATCH"),
    /** Deletes by id (projects: a soft delete, final after 24 h). */
    DELETE("DELETE"),
    /**
     * Makes the resource look like the body: found by natural key (or by id), created when absent, PATCHed where it
     * differs, left alone when equal. Safe to retry; costs one list call per kind per unit of work.
     */
    ENSURE("ENSURE");

    private final String httpMethod;

    OpenPanelOperation(String httpMethod) {
        this.httpMethod = httpMethod;
    }

    /** The HTTP method of the call ({@code ENSURE} for ensure, which may make a lookup and a write). */
    public String httpMethod() {
        return httpMethod;
    }

    public String value() {
        return LowerCaseEnums.value(this);
    }

    /** Parses an operation name case-insensitively; the message lists the accepted names. */
    public static OpenPanelOperation parse(String text) {
        return LowerCaseEnums.parse(OpenPanelOperation.class, text, "OpenPanel operation");
    }
}
