package dev.openpanel.camel.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    DELETE("DELETE");

    private final String httpMethod;

    OpenPanelOperation(String httpMethod) {
        this.httpMethod = httpMethod;
    }

    public String httpMethod() {
        return httpMethod;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an operation name case-insensitively; the message lists the accepted names. */
    public static OpenPanelOperation parse(String text) {
        for (OpenPanelOperation operation : values()) {
            if (operation.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown OpenPanel operation '" + text + "': expected one of "
                + Arrays.stream(values()).map(OpenPanelOperation::value).collect(Collectors.joining(", ")));
    }
}
