package dev.openpanel.camel.simulator;

import java.util.regex.Pattern;

/** The server's Manage API authentication, with its 401 messages and their order. */
final class Authenticator {

    private static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final SimulatorStore store;

    Authenticator(SimulatorStore store) {
        this.store = store;
    }

    /** The organisation of the root client, or the 401 answer. */
    Result authenticate(String clientId, String secret) {
        if (clientId == null || !UUID_V4.matcher(clientId).matches()) {
            return Result.refused("Manage: Client ID must be a valid UUIDv4");
        }
        SimClient client = store.clientById(clientId).orElse(null);
        if (client == null) {
            return Result.refused("Manage: Invalid client id");
        }
        if (client.secretHash() == null) {
            return Result.refused("Manage: Client has no secret");
        }
        if (secret == null || secret.isEmpty() || !SecretHashes.matches(client.secretHash(), secret)) {
            return Result.refused("Manage: Invalid client secret");
        }
        if (!"root".equals(client.type())) {
            return Result.refused("Manage: Only root clients are allowed to manage resources");
        }
        return new Result(client.organizationId(), null);
    }

    /** Either the organisation or the refusal. */
    record Result(String organizationId, SimResponse refusal) {
        static Result refused(String message) {
            return new Result(null, SimResponse.unauthorized(message));
        }
    }
}
