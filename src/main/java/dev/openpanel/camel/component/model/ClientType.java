package dev.openpanel.camel.component.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Access level of a client: {@code write} tracks events, {@code read} exports, {@code root} manages the organisation. */
public enum ClientType {
    @JsonProperty("read")
    READ,
    @JsonProperty("write")
    WRITE,
    @JsonProperty("root")
    ROOT;

    /** The value as the API writes it. */
    public String value() {
        return LowerCaseEnums.value(this);
    }

    /** Parses user input such as {@code read}, case-insensitively; the message lists the accepted values. */
    public static ClientType parse(String text) {
        return LowerCaseEnums.parse(ClientType.class, text, "client type");
    }
}
