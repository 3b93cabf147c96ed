package dev.openpanel.camel.routes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Finds every endpoint of a Camel YAML route file by walking its YAML tree: each mapping with a {@code uri:} (its
 * {@code parameters:} beside it), wherever it sits (routes, route configurations, onException steps, templates), and
 * the shorthand forms {@code to: direct:x}, {@code toD: ...}, {@code wireTap: ...}, {@code deadLetterUri: ...}.
 */
final class RouteFileEndpoints {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SHORTHAND_KEYS = Set.of("to", "toD", "wireTap", "deadLetterUri");
    /** Mappings whose id names the place of an endpoint in messages. */
    private static final Set<String> NAMED_KEYS = Set.of("route", "routeConfiguration", "routeTemplate", "templatedRoute");

    private RouteFileEndpoints() {
    }

    static List<RouteEndpoint> of(Path file) throws IOException {
        List<RouteEndpoint> endpoints = new ArrayList<>();
        walk(file, YAML.readTree(file.toFile()), "", "", endpoints);
        return endpoints;
    }

    private static void walk(Path file, JsonNode node, String key, String where, List<RouteEndpoint> endpoints) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(file, node.get(i), key, where + "[" + i + "]", endpoints);
            }
            return;
        }
        if (!node.isObject()) {
            if (node.isTextual() && SHORTHAND_KEYS.contains(key)) {
                endpoints.add(new RouteEndpoint(file, where, node.textValue(), Map.of(), false));
            }
            return;
        }
        if (node.path("uri").isTextual()) {
            endpoints.add(new RouteEndpoint(file, where, node.get("uri").textValue(), parameters(node.get("parameters")),
                    key.equals("from")));
        }
        String base = NAMED_KEYS.contains(key) && node.path("id").isTextual() ? key + " " + node.get("id").textValue() : where;
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("uri") && !field.getKey().equals("parameters")) {
                walk(file, field.getValue(), field.getKey(), base.isEmpty() ? field.getKey() : base + " > " + field.getKey(),
                        endpoints);
            }
        });
    }

    private static Map<String, String> parameters(JsonNode node) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(p -> parameters.put(p.getKey(),
                    p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString()));
        }
        return parameters;
    }
}
