package dev.openpanel.camel.component;

import dev.openpanel.camel.component.model.LowerCaseEnums;

/** The Manage API's resources, as named in an {@code openpanel:} URI and in the API's paths. */
public enum OpenPanelResource {
    PROJECTS,
    CLIENTS,
    REFERENCES;

    /** The name used in URIs and paths: {@code projects}, {@code clients}, {@code references}. */
    public String value() {
        return LowerCaseEnums.value(this);
    }

    /** The singular, for messages: {@code project}, {@code client}, {@code reference}. */
    public String singular() {
        String plural = value();
        return plural.substring(0, plural.length() - 1);
    }

    /** Parses a resource name case-insensitively; the message lists the accepted names. */
    public static OpenPanelResource parse(String text) {
        return LowerCaseEnums.parse(OpenPanelResource.class, text, "OpenPanel resource");
    }
}
