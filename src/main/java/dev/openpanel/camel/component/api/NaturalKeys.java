package dev.openpanel.camel.component.api;

import java.time.Instant;
import java.util.Objects;

import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;

/**
 * The natural keys by which a resource is found when its id is unknown (PRODUCT.md section 6): a project by its exact
 * name; a client by (name, project, type); a reference by (project, title, date to the millisecond, the API's
 * precision).
 */
public final class NaturalKeys {

    private NaturalKeys() {
    }

    public static boolean isProject(Project project, String name) {
        return Objects.equals(project.name(), name);
    }

    /** A null or empty project id means "no project"; a null type means {@code write}, the API's default. */
    public static boolean isClient(Client client, String name, String projectId, ClientType type) {
        return Objects.equals(client.name(), name)
                && Objects.equals(emptyToNull(client.projectId()), emptyToNull(projectId))
                && client.type() == (type == null ? ClientType.WRITE : type);
    }

    public static boolean isReference(Reference reference, String projectId, String title, Instant date) {
        return Objects.equals(reference.projectId(), projectId)
                && Objects.equals(reference.title(), title)
                && reference.date() != null && date != null && reference.date().toEpochMilli() == date.toEpochMilli();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
