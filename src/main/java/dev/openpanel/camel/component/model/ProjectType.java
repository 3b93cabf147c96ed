package dev.openpanel.camel.component.model;

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
        return LowerCaseEnums.value(this);
    }

    /** Parses user input such as {@code website}, case-insensitively; the message lists the accepted values. */
    public static ProjectType parse(String text) {
        return LowerCaseEnums.parse(ProjectType.class, text, "project type");
    }

}
