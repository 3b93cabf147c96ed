package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.util.Map;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.secrets.ClientSecretLines;
import dev.openpanel.camel.secrets.SecretFiles;
import dev.openpanel.camel.state.Sha256;

/**
 * The secrets of the clients an event created, one file per event in {@code data/secrets/} (0600):
 * {@code deployment-<event id>-<hash>.secrets.csv} with {@value #HEADER}. Each secret is written, and forced to disk,
 * the moment the API returns it, before the step is recorded as done.
 */
final class EventSecrets {

    static final String HEADER = ClientSecretLines.HEADER;

    private final SecretFiles files;

    EventSecrets(SecretFiles files) {
        this.files = files;
    }

    /** The file's name: the event id made safe for a file name, and a hash of it so that no two ids share a file. */
    static String fileName(String eventId) {
        String safe = eventId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return "deployment-" + safe + "-" + Sha256.hex(eventId).substring(0, 8) + ".secrets.csv";
    }

    Path path(String eventId) {
        return files.directory().resolve(fileName(eventId));
    }

    void record(String eventId, String clientId, String projectId, ClientType type, Secret secret) {
        files.appendLine(fileName(eventId), HEADER, ClientSecretLines.line(clientId, projectId, type, secret));
    }

    boolean has(String eventId, String clientId) {
        return files.hasLineStartingWith(fileName(eventId), clientId + ",");
    }

    /** Client id to secret, for every secret recorded for the event. */
    Map<String, Secret> read(String eventId) {
        return ClientSecretLines.secrets(files.lines(fileName(eventId)));
    }
}
