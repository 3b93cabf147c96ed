package dev.openpanel.camel.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Secret;

/**
 * The lines of a secrets file of created clients, as deployment events and rotations write them
 * ({@value #HEADER}), and how to read them back.
 */
public final class ClientSecretLines {

    /** The header line. */
    public static final String HEADER = "clientId,projectId,clientType,clientSecret";

    private ClientSecretLines() {
    }

    /** One client's line (a root client has no project). */
    public static String line(String clientId, String projectId, ClientType type, Secret secret) {
        return clientId + "," + (projectId == null ? "" : projectId) + "," + type.value() + "," + secret.reveal();
    }

    /** Client id to secret, for every client line of a file's lines (the header and broken lines are skipped). */
    public static Map<String, Secret> secrets(List<String> lines) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells.length == 4 && !line.equals(HEADER) && !cells[3].isEmpty()) {
                secrets.put(cells[0], Secret.of(cells[3]));
            }
        }
        return secrets;
    }
}
