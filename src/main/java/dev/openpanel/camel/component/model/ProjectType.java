package dev.openpanel.camel.component.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a project tracks; set when the project is created and never changed by the API afterwards. */
public enum ProjectType {
    @JsonProperty("website")
    WEBSITE,
    @JsonProperty("app")
    APP,
    @JsonProperty("backend")
    BACKEND;

    /** The value as the API writes it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses user input such as {@code website}, case-insensitively; the message lists the accepted values. */
    public static ProjectType parse(String text) {
        for (ProjectType type : values()) {
            if (type.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown project type '" + text + "': expected one of " + accepted());
    }

    static String accepted() {
        return Arrays.stream(values()).map(ProjectType::value).collect(Collectors.joining(", "));
    }
}
