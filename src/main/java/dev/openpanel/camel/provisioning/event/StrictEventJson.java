package dev.openpanel.camel.provisioning.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The strict JSON of deployment events: a duplicate key or text after the event is invalid JSON; binding to
 * {@link EventDocument} refuses unknown fields and values of the wrong JSON type (no coercion of {@code 3} to text or
 * {@code "yes"} to a boolean), each as an {@link EventProblem} with its path, never stopping at the first.
 */
public final class StrictEventJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(StrictScalars.module())
            .addHandler(new BindingProblems())
            .build();
    private static final ObjectReader DOCUMENT = JSON.readerFor(EventDocument.class);

    private StrictEventJson() {
    }

    /** Parses JSON text to a tree; a syntax error, duplicate key or trailing text throws. */
    public static JsonNode readTree(byte[] body) throws IOException {
        return JSON.readTree(body);
    }

    /** The tree's canonical bytes (no whitespace), whatever its formatting when received. */
    public static byte[] canonicalBytes(JsonNode tree) throws JsonProcessingException {
        return JSON.writeValueAsBytes(tree);
    }

    /**
     * Binds an event object to its document, adding a problem for every unknown field and wrongly typed value (that
     * value is left out of the document). Returns null only when binding could not complete.
     */
    static EventDocument bind(JsonNode event, List<EventProblem> problems) {
        List<EventProblem> found = new ArrayList<>();
        try {
            EventDocument document = DOCUMENT.withAttribute(BindingProblems.PROBLEMS, found).readValue(event);
            problems.addAll(found);
            return document;
        } catch (JsonMappingException e) {
            problems.addAll(found);
            problems.add(new EventProblem(JsonPaths.of(e.getPath()), e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading a JSON tree cannot fail for I/O", e);
        }
    }
}
