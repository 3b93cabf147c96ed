package dev.openpanel.camel.rotation;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Secret;

/** The line format of a rotated client's secrets file ({@code secrets/rotation-<old client id>.secrets.csv}). */
final class RotationSecrets {

    /** The same columns as a deployment event's secrets file. */
    static final String HEADER = "clientId,projectId,clientType,clientSecret";

    private RotationSecrets() {
    }

    static String line(String clientId, String projectId, ClientType type, Secret secret) {
        return clientId + "," + (projectId == null ? "" : projectId) + "," + type.value() + "," + secret.reveal();
    }
}
