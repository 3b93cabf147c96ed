package dev.openpanel.camel.provisioning;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.secrets.SecretFiles;

/**
 * The secrets of the clients an event created, one file per event in {@code data/secrets/} (0600):
 * {@code deployment-<event id>-<hash>.secrets.csv} with {@value #HEADER}. Each secret is written, and forced to disk,
 * the moment the API returns it, before the step is recorded as done.
 */
final class EventSecrets {

    static final String HEADER = "clientId,projectId,clientType,clientSecret";

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
        return "deployment-" + safe + "-" + hash(eventId) + ".secrets.csv";
    }

    Path path(String eventId) {
        return files.directory().resolve(fileName(eventId));
    }

    void record(String eventId, String clientId, String projectId, ClientType type, Secret secret) {
        files.appendLine(fileName(eventId), HEADER, clientId + "," + (projectId == null ? "" : projectId) + ","
                + type.value() + "," + secret.reveal());
    }

    boolean has(String eventId, String clientId) {
        return files.hasLineStartingWith(fileName(eventId), clientId + ",");
    }

    /** Client id to secret, for every secret recorded for the event. */
    Map<String, Secret> read(String eventId) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String line : files.lines(fileName(eventId))) {
            String[] cells = line.split(",", -1);
            if (cells.length == 4 && !line.equals(HEADER) && !cells[3].isEmpty()) {
                secrets.put(cells[0], Secret.of(cells[3]));
            }
        }
        return secrets;
    }

    private static String hash(String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
