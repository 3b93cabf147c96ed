package dev.openpanel.camel.component.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses user input such as {@code read}, case-insensitively; the message lists the accepted values. */
    public static ClientType parse(String text) {
        for (ClientType type : values()) {
            if (type.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown client type '" + text + "': expected one of "
                + Arrays.stream(values()).map(ClientType::value).collect(Collectors.joining(", ")));
    }
}
