package dev.openpanel.camel.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Manage API's resources, as named in an {@code openpanel:} URI and in the API's paths. */
public enum OpenPanelResource {
    PROJECTS,
    CLIENTS,
    REFERENCES;

    /** The name used in URIs and paths: {@code projects}, {@code clients}, {@code references}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The singular, for messages: {@code project}, {@code client}, {@code reference}. */
    public String singular() {
        String plural = value();
        return plural.substring(0, plural.length() - 1);
    }

    /** Parses a resource name case-insensitively; the message lists the accepted names. */
    public static OpenPanelResource parse(String text) {
        for (OpenPanelResource resource : values()) {
            if (resource.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return resource;
            }
        }
        throw new IllegalArgumentException("unknown OpenPanel resource '" + text + "': expected one of "
                + Arrays.stream(values()).map(OpenPanelResource::value).collect(Collectors.joining(", ")));
    }
}
