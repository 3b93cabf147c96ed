package dev.openpanel.camel.component.api;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.ApiUnavailableException;

/**
 * JSON for the Manage API. Answers are read tolerantly (unknown fields and enum values are ignored: the server may
 * add some); request bodies given as maps or JSON text are read strictly, so a misspelt field is an error, not a
 * silently dropped value.
 */
public final class ManageJson {

    private static final ObjectMapper TOLERANT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ManageJson() {
    }

    /** The mapper for the API's answers and this project's own JSON (ISO dates, tolerant reads). */
    public static ObjectMapper mapper() {
        return TOLERANT;
    }

    /** Writes a request body. */
    static String write(Object value) {
        try {
            return TOLERANT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a map or JSON text into a request type, strictly.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static <T> T readStrict(Object source, Class<T> type) {
        try {
            if (source instanceof CharSequence text) {
                return STRICT.readValue(text.toString(), type);
            }
            if (source instanceof byte[] bytes) {
                return STRICT.readValue(bytes, type);
            }
            return STRICT.convertValue(source, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                throw new IllegalArgumentException(explain(json), e);
            }
            throw e;
        } catch (IOException e) {
            throw new IllegalArgumentException(explain(e), e);
        }
    }

    private static String explain(IOException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (expected "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")";
        }
        if (e instanceof InvalidFormatException format) {
            return "field '" + path(format) + "': " + format.getOriginalMessage().replaceAll("\\s*\\(.*", "");
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch) + "' has the wrong type";
        }
        if (e instanceof JsonProcessingException json) {
            return "not valid JSON: " + json.getOriginalMessage();
        }
        return e.getMessage();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Reads JSON, or returns null when the text is not JSON. */
    static JsonNode readTreeOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TOLERANT.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The {@code data} of a successful answer, which must be a JSON object with that field. */
    static JsonNode data(ApiRequest request, ApiResponse response) {
        JsonNode body = readTreeOrNull(response.body());
        if (body == null || !body.has("data")) {
            throw new ApiUnavailableException(ApiFailure.answered(request.method(), request.path(), response.status(), null,
                    "the answer is not the Manage API's JSON; is openpanel.api-url the API root?"), null);
        }
        return body.get("data");
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        return TOLERANT.convertValue(node, type);
    }

    static <T> List<T> convertList(JsonNode node, Class<T> type) {
        JavaType listType = TOLERANT.getTypeFactory().constructCollectionType(List.class, type);
        return TOLERANT.convertValue(node, listType);
    }
}
