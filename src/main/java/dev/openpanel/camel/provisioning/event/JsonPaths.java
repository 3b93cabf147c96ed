package dev.openpanel.camel.provisioning.event;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Writes where a value is in an event, {@code project.cors[1]}, from Jackson's and Bean Validation's paths alike. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The path of the value a parser's context points at (the context of an object or array holds its current member). */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                parts.push(at.getCurrentName());
            }
        }
        return join(parts);
    }

    /** The path of a constraint violation; container-element nodes ({@code <list element>}) only add their index. */
    static String of(Path path) {
        Deque<String> parts = new ArrayDeque<>();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                parts.add("[" + node.getIndex() + "]");
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                parts.add(node.getName());
            }
        }
        return join(parts);
    }

    /** The path of a Jackson mapping failure. */
    static String of(List<JsonMappingException.Reference> references) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonMappingException.Reference reference : references) {
            parts.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return join(parts);
    }

    private static String join(Deque<String> parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
