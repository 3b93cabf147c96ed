package dev.openpanel.camel.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.openpanel.camel.component.model.AbsoluteUrls;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.FieldLimits;
import dev.openpanel.camel.component.model.IsoInstants;
import dev.openpanel.camel.component.model.ProjectIds;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.provisioning.DeploymentEvent.ClientSpec;
import dev.openpanel.camel.logging.InputEcho;
import dev.openpanel.camel.provisioning.DeploymentEvent.ReferenceSpec;
import dev.openpanel.camel.state.Sha256;

/**
 * Reads a deployment event and checks it field by field against the schema of PRODUCT.md section 7, with the API's own
 * rules (a name is not empty, a domain and each CORS origin is an absolute URL, types come from their list, a
 * date-time is an ISO-8601 instant or a bare date), this tool's length limits ({@link FieldLimits}), and no project
 * name the server would give the empty id ({@link ProjectIds}). Every problem is reported with where it is
 * ({@code clients[1].type: ...}), values quoted capped ({@link InputEcho}); unknown fields are problems too, so a typo
 * never goes unnoticed.
 */
public final class DeploymentEventParser {

    /** Longest event id; ids name files and travel in headers. */
    static final int MAX_EVENT_ID = 200;
    /** Most clients one event may ask for. */
    static final int MAX_CLIENTS = 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxBytes;

    /** @param maxBytes the largest event accepted, in bytes of UTF-8 */
    public DeploymentEventParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Parses and validates an event.
     *
     * @throws InvalidEventException listing every problem found
     */
    public DeploymentEvent parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException(List.of("the body is empty: send the event as JSON"));
        }
        if (body.length > maxBytes) {
            throw new InvalidEventException(List.of("the event is " + body.length + " bytes; the limit is " + maxBytes));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(List.of(jsonProblem(e)));
        } catch (IOException e) {
            throw new InvalidEventException(List.of("invalid JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(List.of("the event must be a JSON object"));
        }
        return new Reader(root, canonicalDigest(root)).read();
    }

    /** Parses and validates an event given as text. */
    public DeploymentEvent parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The event id of a body that may not be a valid event (for the reason on a dead letter), or null. */
    public String eventIdOf(byte[] body) {
        if (body == null || body.length > maxBytes) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(body).path("eventId");
            return id.isTextual() && !id.textValue().isBlank() ? id.textValue().trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The digest of the event's content, whatever its whitespace. */
    private static String canonicalDigest(JsonNode root) {
        try {
            return Sha256.hex(JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonProblem(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        return (e instanceof JsonParseException ? "invalid JSON" : "invalid event") + where + ": "
                + (newline < 0 ? reason : reason.substring(0, newline));
    }

    /** One event's validation: collects problems instead of stopping at the first. */
    private static final class Reader {

        private final JsonNode root;
        private final String digest;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root, String digest) {
            this.root = root;
            this.digest = digest;
        }

        DeploymentEvent read() {
            only(root, "", "eventId", "project", "clients", "reference");
            String eventId = eventId(root.get("eventId"));
            ProjectRequest project = project(root.get("project"));
            List<ClientSpec> clients = clients(root.get("clients"));
            ReferenceSpec reference = reference(root.get("reference"));
            if (!problems.isEmpty()) {
                throw new InvalidEventException(problems);
            }
            return new DeploymentEvent(eventId, project, clients, reference, digest);
        }

        private String eventId(JsonNode node) {
            String id = text(node, "eventId", true);
            if (id == null) {
                return null;
            }
            if (id.length() > MAX_EVENT_ID) {
                problems.add("eventId: is " + id.length() + " characters long; the limit is " + MAX_EVENT_ID);
            } else if (!id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                problems.add("eventId: use printable ASCII without spaces (e.g. deploy-2026-11-22-shop-eu-42)");
            }
            return id;
        }

        private ProjectRequest project(JsonNode node) {
            if (!object(node, "project", true)) {
                return null;
            }
            only(node, "project.", "name", "domain", "cors", "crossDomain", "types");
            String name = text(node.get("name"), "project.name", true);
            if (name != null) {
                limit("project.name", name, FieldLimits.NAME);
                String emptyId = ProjectIds.emptyIdProblem(name);
                if (emptyId != null) {
                    problems.add("project.name: " + emptyId);
                }
            }
            ProjectRequest.Builder project = ProjectRequest.builder().name(name);
            String domain = text(node.get("domain"), "project.domain", false);
            if (domain != null && !domain.isEmpty() && !AbsoluteUrls.isAbsolute(domain)) {
                problems.add("project.domain: '" + InputEcho.quoted(domain) + "' is not an absolute URL (e.g. "
                        + AbsoluteUrls.EXAMPLE + ")");
            }
            project.domain(domain);
            project.cors(strings(node.get("cors"), "project.cors", origin -> origin.value().isEmpty()
                    || !AbsoluteUrls.isAbsolute(origin.value())
                            ? origin.problem("'" + InputEcho.quoted(origin.value()) + "' is not an absolute URL (e.g. "
                                    + AbsoluteUrls.EXAMPLE + ")")
                            : null));
            JsonNode crossDomain = node.get("crossDomain");
            if (crossDomain != null && !crossDomain.isNull()) {
                if (crossDomain.isBoolean()) {
                    project.crossDomain(crossDomain.booleanValue());
                } else {
                    problems.add("project.crossDomain: must be true or false, got " + InputEcho.quoted(crossDomain.toString()));
                }
            }
            List<String> types = strings(node.get("types"), "project.types", type -> {
                try {
                    ProjectType.parse(type.value());
                    return null;
                } catch (IllegalArgumentException e) {
                    return type.problem(e.getMessage());
                }
            });
            if (types != null) {
                project.types(types.stream().map(type -> {
                    try {
                        return ProjectType.parse(type);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }).filter(type -> type != null).distinct().toList());
            }
            return project.build();
        }

        private List<ClientSpec> clients(JsonNode node) {
            List<ClientSpec> clients = new ArrayList<>();
            if (node == null || node.isNull()) {
                return clients;
            }
            if (!node.isArray()) {
                problems.add("clients: must be a list of {\"name\": ..., \"type\": \"read\" or \"write\"}");
                return clients;
            }
            if (node.size() > MAX_CLIENTS) {
                problems.add("clients: " + node.size() + " clients; one event may ask for " + MAX_CLIENTS + " at most");
                return clients;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String where = "clients[" + i + "]";
                JsonNode client = node.get(i);
                if (!object(client, where, true)) {
                    continue;
                }
                only(client, where + ".", "name", "type");
                String name = text(client.get("name"), where + ".name", true);
                limit(where + ".name", name, FieldLimits.NAME);
                ClientType type = clientType(client.get("type"), where + ".type");
                if (name != null && type != null) {
                    ClientSpec spec = new ClientSpec(name, type);
                    if (!seen.add(spec.step())) {
                        problems.add(where + ": the " + type.value() + " client '" + InputEcho.quoted(name) + "' is listed twice");
                    }
                    clients.add(spec);
                }
            }
            return clients;
        }

        private ClientType clientType(JsonNode node, String where) {
            String text = text(node, where, false);
            if (text == null) {
                return ClientType.WRITE;
            }
            try {
                ClientType type = ClientType.parse(text);
                if (type == ClientType.ROOT) {
                    problems.add(where + ": root clients are not created from events (they manage the whole organisation); use read or write");
                    return null;
                }
                return type;
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                return null;
            }
        }

        private ReferenceSpec reference(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!object(node, "reference", false)) {
                return null;
            }
            only(node, "reference.", "title", "description", "datetime");
            String title = text(node.get("title"), "reference.title", true);
            limit("reference.title", title, FieldLimits.NAME);
            String description = text(node.get("description"), "reference.description", false);
            limit("reference.description", description, FieldLimits.DESCRIPTION);
            String datetime = text(node.get("datetime"), "reference.datetime", true);
            Instant at = null;
            if (datetime != null) {
                try {
                    at = IsoInstants.parse(datetime);
                } catch (IllegalArgumentException e) {
                    problems.add("reference.datetime: " + e.getMessage());
                }
            }
            return new ReferenceSpec(title, description, at);
        }

        /** A string field; a required one must not be blank. Null when absent or wrong (the problem is recorded). */
        private String text(JsonNode node, String where, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(where + ": is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                problems.add(where + ": must be a string, got " + InputEcho.quoted(node.toString()));
                return null;
            }
            String value = node.textValue().trim();
            if (required && value.isEmpty()) {
                problems.add(where + ": must not be empty");
                return null;
            }
            return value;
        }

        private void limit(String where, String value, int limit) {
            String problem = FieldLimits.problem(where, value, limit);
            if (problem != null) {
                problems.add(problem);
            }
        }

        private boolean object(JsonNode node, String where, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(where + ": is required");
                }
                return false;
            }
            if (!node.isObject()) {
                problems.add(where + ": must be an object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
                return false;
            }
            return true;
        }

        /** A list of strings, each checked by {@code check} (which returns a problem or null). */
        private List<String> strings(JsonNode node, String where, Function<Item, String> check) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isArray()) {
                problems.add(where + ": must be a list of strings");
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isTextual()) {
                    problems.add(where + "[" + i + "]: must be a string, got " + InputEcho.quoted(item.toString()));
                    continue;
                }
                Item value = new Item(where + "[" + i + "]", item.textValue().trim());
                String problem = check.apply(value);
                if (problem != null) {
                    problems.add(problem);
                } else {
                    values.add(value.value());
                }
            }
            return values;
        }

        private void only(JsonNode node, String prefix, String... known) {
            Set<String> allowed = Set.of(known);
            Iterator<String> names = node.fieldNames();
            names.forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    problems.add(prefix + InputEcho.quoted(name) + ": unknown field (expected " + String.join(", ", known) + ")");
                }
            });
        }
    }

    /** One element of a list field, for its check. */
    private record Item(String where, String value) {

        String problem(String reason) {
            return where + ": " + reason;
        }
    }
}
