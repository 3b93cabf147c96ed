package dev.openpanel.camel.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.imports.ImportRow.ProjectRef;

/**
 * What the organisation holds, for one file: each kind is listed once (one call, on first need) and kept up to date
 * with the file's own changes, so an unchanged file costs one list call per kind and nothing else.
 */
final class ResourceCache {

    private final ManageApi api;
    private List<Project> projects;
    private List<Client> clients;
    private List<Reference> references;

    ResourceCache(ManageApi api) {
        this.api = api;
    }

    List<Project> projectsNamed(String name) {
        return projects().stream().filter(p -> NaturalKeys.isProject(p, name)).toList();
    }

    /** The project by id, or null when it is not in the list (unknown, or pending deletion). */
    Project project(String id) {
        return projects().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The id of the project a row names.
     *
     * @throws RowRejectedException when no project, or several, have that name
     */
    String projectId(ProjectRef ref) {
        if (ref.id() != null) {
            return ref.id();
        }
        List<Project> named = projectsNamed(ref.name());
        if (named.isEmpty()) {
            throw new RowRejectedException("project '" + ref.name() + "' not found");
        }
        if (named.size() > 1) {
            throw new RowRejectedException("project name '" + ref.name() + "' is ambiguous: " + ids(named, Project::id)
                    + "; use projectId");
        }
        return named.get(0).id();
    }

    List<Client> clients(String name, String projectId, ClientType type) {
        return clients().stream().filter(c -> NaturalKeys.isClient(c, name, projectId, type)).toList();
    }

    Client client(String id) {
        return clients().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    List<Reference> references(String projectId, String title, Instant date) {
        return references().stream().filter(r -> NaturalKeys.isReference(r, projectId, title, date)).toList();
    }

    Reference reference(String id) {
        return references().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    void putProject(Project project) {
        projects().removeIf(p -> p.id().equals(project.id()));
        projects().add(project);
    }

    void putClient(Client client) {
        clients().removeIf(c -> c.id().equals(client.id()));
        clients().add(client);
    }

    void putReference(Reference reference) {
        references().removeIf(r -> r.id().equals(reference.id()));
        references().add(reference);
    }

    void remove(ImportKind kind, String id) {
        switch (kind) {
            case PROJECTS -> projects().removeIf(p -> p.id().equals(id));
            case CLIENTS -> clients().removeIf(c -> c.id().equals(id));
            case REFERENCES -> references().removeIf(r -> r.id().equals(id));
        }
    }

    static <T> String ids(List<T> resources, java.util.function.Function<T, String> id) {
        return String.join(", ", resources.stream().map(id).map(Objects::toString).toList());
    }

    private List<Project> projects() {
        if (projects == null) {
            projects = new ArrayList<>(api.projects().list());
        }
        return projects;
    }

    private List<Client> clients() {
        if (clients == null) {
            clients = new ArrayList<>(api.clients().list());
        }
        return clients;
    }

    private List<Reference> references() {
        if (references == null) {
            references = new ArrayList<>(api.references().list());
        }
        return references;
    }
}
