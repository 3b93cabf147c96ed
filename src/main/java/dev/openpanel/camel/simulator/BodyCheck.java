package dev.openpanel.camel.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a request body the way the server's zod 4 schemas do, with the same messages:
 * {@code body/name Too small: expected string to have >=1 characters}; several problems joined with {@code ", "}.
 */
final class BodyCheck {

    private final JsonNode body;
    private final List<String> issues = new ArrayList<>();

    private BodyCheck(JsonNode body) {
        this.body = body;
        if (body == null || !body.isObject()) {
            issues.add("body/ Invalid input: expected object, received " + typeOf(body == null ? nullNode() : body));
        }
    }

    static BodyCheck of(JsonNode body) {
        return new BodyCheck(body);
    }

    BodyCheck requiredString(String field, boolean nonEmpty) {
        if (objectOk()) {
            JsonNode value = body.get(field);
            if (value == null || !value.isTextual()) {
                wrongType(field, "string", value);
            } else if (nonEmpty && value.asText().isEmpty()) {
                issues.add("body/" + field + " Too small: expected string to have >=1 characters");
            }
        }
        return this;
    }

    BodyCheck optionalString(String field, boolean nonEmpty) {
        return present(field) ? requiredString(field, nonEmpty) : this;
    }

    BodyCheck optionalBoolean(String field) {
        if (present(field) && !body.get(field).isBoolean()) {
            wrongType(field, "boolean", body.get(field));
        }
        return this;
    }

    BodyCheck optionalStringArray(String field) {
        if (present(field)) {
            JsonNode value = body.get(field);
            if (!value.isArray()) {
                wrongType(field, "array", value);
            } else {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        wrongType(field + "/" + i, "string", value.get(i));
                    }
                }
            }
        }
        return this;
    }

    BodyCheck optionalEnum(String field, String... options) {
        if (present(field)) {
            checkOption(field, body.get(field), options);
        }
        return this;
    }

    BodyCheck optionalEnumArray(String field, String... options) {
        if (present(field)) {
            JsonNode value = body.get(field);
            if (!value.isArray()) {
                wrongType(field, "array", value);
            } else {
                for (int i = 0; i < value.size(); i++) {
                    checkOption(field + "/" + i, value.get(i), options);
                }
            }
        }
        return this;
    }

    /** An absolute URL, {@code ""} or null. */
    BodyCheck optionalUrl(String field) {
        if (present(field)) {
            JsonNode value = body.get(field);
            if (value.isNull() || value.isTextual() && value.asText().isEmpty()) {
                return this;
            }
            if (!value.isTextual()) {
                issues.add("body/" + field + " Invalid input");
            } else if (!isUrl(value.asText())) {
                issues.add("body/" + field + " Invalid URL");
            }
        }
        return this;
    }

    /** The joined message when anything is wrong. */
    Optional<String> failure() {
        return issues.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", issues));
    }

    private boolean objectOk() {
        return body != null && body.isObject();
    }

    private boolean present(String field) {
        return objectOk() && body.has(field);
    }

    private void checkOption(String path, JsonNode value, String... options) {
        if (value == null || !value.isTextual() || !Arrays.asList(options).contains(value.asText())) {
            issues.add("body/" + path + " Invalid option: expected one of "
                    + Arrays.stream(options).map(o -> "\"" + o + "\"").collect(Collectors.joining("|")));
        }
    }

    private void wrongType(String path, String expected, JsonNode value) {
        issues.add("body/" + path + " Invalid input: expected " + expected + ", received " + typeOf(value));
    }

    private static String typeOf(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "undefined";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    private static JsonNode nullNode() {
        return SimJson.MAPPER.nullNode();
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getSchemeSpecificPart() == null || uri.getSchemeSpecificPart().isEmpty()) {
                return false;
            }
            return !uri.getSchemeSpecificPart().startsWith("//") || uri.getHost() != null || uri.getAuthority() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
