package dev.openpanel.camel.rotation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.model.Secret;

/**
 * What a rotation of one client did, without its secret except through {@link #toJson(boolean)} for the results
 * channel.
 *
 * @param oldClientId the client replaced
 * @param newClientId its replacement (same name, type and project)
 * @param status      {@code rotated} (the new client delivered, the old one deleted at {@code oldDeleteAt}),
 *                    {@code completed} (the old client deleted too) or {@code repeated} (rotated before: nothing done)
 * @param oldDeleteAt when the old client is (or was) due for deletion
 * @param secretsFile where the new secret was written (for {@code rotate root}: the credential files are)
 * @param discarded   new clients deleted because a crash or a lost answer lost their secret
 * @param secret      the new secret, only when this pass created it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationResult(String oldClientId, String newClientId, String name, String projectId, String type, boolean root,
        String status, Instant oldDeleteAt, String secretsFile, int discarded, @JsonIgnore Secret secret) {

    public static final String ROTATED = "rotated";
    public static final String COMPLETED = "completed";
    public static final String REPEATED = "repeated";

    /** The same result without the secret (for a repeat, or anyone but the delivery that made it). */
    public RotationResult withoutSecret() {
        return new RotationResult(oldClientId, newClientId, name, projectId, type, root, status, oldDeleteAt, secretsFile, discarded,
                null);
    }

    /** One line for logs and the terminal. */
    public String describe() {
        String what = (root ? "root client " : "client ") + oldClientId + " ('" + name + "')";
        return switch (status) {
            case REPEATED -> what + " was rotated before: its replacement is " + newClientId + " (nothing done)";
            case COMPLETED -> what + " rotated: the new client is " + newClientId + " and the old one is deleted";
            default -> what + " rotated: the new client is " + newClientId + "; the old one keeps working until " + oldDeleteAt
                    + ", then it is deleted";
        };
    }

    /** The result as JSON; with the secret, the message for the results channel (when this pass created it). */
    public String toJson(boolean withSecret) {
        ObjectNode node = ManageJson.mapper().valueToTree(this);
        if (withSecret && secret != null) {
            node.put("secret", secret.reveal());
        }
        return node.toString();
    }
}
