package dev.openpanel.camel.simulator;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /manage/clients}: the plain secret only in the create answer, its hash everywhere else. */
final class ClientEndpoints implements ResourceEndpoints {

    private final SimulatorStore store;

    ClientEndpoints(SimulatorStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> validate(Action action, JsonNode body) {
        BodyCheck check = BodyCheck.of(body);
        if (action == Action.CREATE) {
            check.requiredString("name", true).optionalString("projectId", false).optionalEnum("type", "read", "write", "root");
        } else {
            check.optionalString("name", true);
        }
        return check.failure();
    }

    @Override
    public SimResponse handle(Action action, String org, String id, String projectIdFilter, JsonNode body) {
        if (action == Action.LIST) {
            if (projectIdFilter != null && store.project(org, projectIdFilter).isEmpty()) {
                return SimResponse.notFound("Project");
            }
            return SimResponse.data(SimJson.array(store.listClients(org, projectIdFilter).stream()
                    .map(c -> SimJson.client(c, c.secretHash())).toList()));
        }
        if (action == Action.CREATE) {
            String projectId = body.path("projectId").asText("");
            if (!projectId.isEmpty() && store.project(org, projectId).isEmpty()) {
                return SimResponse.notFound("Project");
            }
            SimulatorStore.CreatedSecretClient created = store.createClient(org, body.get("name").asText(),
                    projectId.isEmpty() ? null : projectId, body.path("type").asText("write"));
            return SimResponse.data(SimJson.client(created.client(), created.secret()));
        }
        if (!UUID.matcher(id).matches()) {
            return SimResponse.internalError();
        }
        SimClient client = store.client(org, id).orElse(null);
        if (client == null) {
            return SimResponse.notFound("Client");
        }
        return switch (action) {
            case GET -> SimResponse.data(SimJson.client(client, client.secretHash()));
            case UPDATE -> {
                SimClient result = body.has("name") ? store.renameClient(client, body.get("name").asText()) : client;
                yield SimResponse.data(SimJson.client(result, result.secretHash()));
            }
            default -> {
                store.deleteClient(client.id());
                yield SimResponse.success();
            }
        };
    }
}
