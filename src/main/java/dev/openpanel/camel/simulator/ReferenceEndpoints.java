package dev.openpanel.camel.simulator;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /manage/references}: {@code datetime} in, {@code date} out; a string that is not a date is a 500. */
final class ReferenceEndpoints implements ResourceEndpoints {

    private final SimulatorStore store;

    ReferenceEndpoints(SimulatorStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> validate(Action action, JsonNode body) {
        BodyCheck check = BodyCheck.of(body);
        if (action == Action.CREATE) {
            check.requiredString("projectId", false).requiredString("title", true)
                    .optionalString("description", false).requiredString("datetime", false);
        } else {
            check.optionalString("title", true).optionalString("description", false).optionalString("datetime", false);
        }
        return check.failure();
    }

    @Override
    public SimResponse handle(Action action, String org, String id, String projectIdFilter, JsonNode body) {
        if (action == Action.LIST) {
            if (projectIdFilter != null && store.project(org, projectIdFilter).isEmpty()) {
                return SimResponse.notFound("Project");
            }
            return SimResponse.data(SimJson.array(store.listReferences(org, projectIdFilter).stream()
                    .map(SimJson::reference).toList()));
        }
        if (action == Action.CREATE) {
            return create(org, body);
        }
        if (!UUID.matcher(id).matches()) {
            return SimResponse.internalError();
        }
        SimReference reference = store.reference(org, id).orElse(null);
        if (reference == null) {
            return SimResponse.notFound("Reference");
        }
        return switch (action) {
            case GET -> {
                ObjectNode node = SimJson.reference(reference);
                node.putObject("project").put("organizationId", org);
                yield SimResponse.data(node);
            }
            case UPDATE -> update(reference, body);
            default -> {
                store.deleteReference(reference.id());
                yield SimResponse.success();
            }
        };
    }

    private SimResponse create(String org, JsonNode body) {
        String projectId = body.get("projectId").asText();
        if (store.project(org, projectId).isEmpty()) {
            return SimResponse.notFound("Project");
        }
        Optional<Instant> date = JsDates.parse(body.get("datetime").asText());
        if (date.isEmpty()) {
            return SimResponse.internalError();
        }
        String description = body.has("description") && !body.get("description").asText().isEmpty()
                ? body.get("description").asText() : null;
        Instant now = store.now();
        SimReference created = store.saveReference(new SimReference(store.newReferenceId(), projectId,
                body.get("title").asText(), description, date.get(), now, now));
        return SimResponse.data(SimJson.reference(created));
    }

    private SimResponse update(SimReference r, JsonNode body) {
        if (!body.has("title") && !body.has("description") && !body.has("datetime")) {
            return SimResponse.data(SimJson.reference(r));
        }
        Instant date = r.date();
        if (body.has("datetime")) {
            Optional<Instant> parsed = JsDates.parse(body.get("datetime").asText());
            if (parsed.isEmpty()) {
                return SimResponse.internalError();
            }
            date = parsed.get();
        }
        SimReference updated = store.saveReference(new SimReference(r.id(), r.projectId(),
                body.has("title") ? body.get("title").asText() : r.title(),
                body.has("description") ? body.get("description").asText() : r.description(),
                date, r.createdAt(), store.now()));
        return SimResponse.data(SimJson.reference(updated));
    }
}
