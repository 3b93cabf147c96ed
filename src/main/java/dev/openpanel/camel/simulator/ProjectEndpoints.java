package dev.openpanel.camel.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /manage/projects}: create makes a "First client" too; delete is a soft delete of 24 hours. */
final class ProjectEndpoints implements ResourceEndpoints {

    private static final String[] TYPES = { "website", "app", "backend" };

    private final SimulatorStore store;

    ProjectEndpoints(SimulatorStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> validate(Action action, JsonNode body) {
        BodyCheck check = BodyCheck.of(body);
        if (action == Action.CREATE) {
            check.requiredString("name", true).optionalUrl("domain").optionalStringArray("cors")
                    .optionalBoolean("crossDomain").optionalEnumArray("types", TYPES);
        } else {
            check.optionalString("name", true).optionalUrl("domain").optionalStringArray("cors")
                    .optionalBoolean("crossDomain").optionalBoolean("allowUnsafeRevenueTracking");
        }
        return check.failure();
    }

    @Override
    public SimResponse handle(Action action, String org, String id, String projectIdFilter, JsonNode body) {
        switch (action) {
            case LIST:
                return SimResponse.data(SimJson.array(store.listProjects(org).stream().map(SimJson::project).toList()));
            case CREATE:
                return create(org, body);
            default:
                break;
        }
        SimProject project = store.project(org, id).orElse(null);
        if (project == null) {
            return SimResponse.notFound("Project");
        }
        return switch (action) {
            case GET -> SimResponse.data(SimJson.project(project));
            case UPDATE -> SimResponse.data(SimJson.project(update(project, body)));
            default -> {
                store.softDeleteProject(project);
                yield SimResponse.success();
            }
        };
    }

    private SimResponse create(String org, JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("types").forEach(t -> types.add(t.asText()));
        SimProject draft = new SimProject(null, org, body.get("name").asText(), domain(body.get("domain")),
                cors(body.get("cors")), body.path("crossDomain").asBoolean(false), types, false, null, null, null);
        SimulatorStore.CreatedProject created = store.createProject(org, draft);
        ObjectNode node = SimJson.project(created.project());
        SimClient first = created.firstClient().client();
        node.putArray("clients").addObject().put("id", first.id());
        node.putObject("client").put("id", first.id()).put("secret", created.firstClient().secret());
        return SimResponse.data(node);
    }

    private SimProject update(SimProject p, JsonNode body) {
        boolean changed = body.has("name") || body.has("domain") || body.has("cors") || body.has("crossDomain")
                || body.has("allowUnsafeRevenueTracking");
        if (!changed) {
            return p;
        }
        return store.updateProject(new SimProject(p.id(), p.organizationId(),
                body.has("name") ? body.get("name").asText() : p.name(),
                body.has("domain") ? domain(body.get("domain")) : p.domain(),
                body.has("cors") ? cors(body.get("cors")) : p.cors(),
                body.has("crossDomain") ? body.get("crossDomain").asBoolean() : p.crossDomain(),
                p.types(),
                body.has("allowUnsafeRevenueTracking") ? body.get("allowUnsafeRevenueTracking").asBoolean()
                        : p.allowUnsafeRevenueTracking(),
                p.deleteAt(), p.createdAt(), store.now()));
    }

    private static String domain(JsonNode value) {
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        return stripTrailingSlashes(value.asText());
    }

    private static List<String> cors(JsonNode value) {
        List<String> cors = new ArrayList<>();
        if (value != null) {
            value.forEach(origin -> cors.add(stripTrailingSlashes(origin.asText())));
        }
        return List.copyOf(cors);
    }

    private static String stripTrailingSlashes(String text) {
        return text.replaceFirst("/+$", "");
    }
}
