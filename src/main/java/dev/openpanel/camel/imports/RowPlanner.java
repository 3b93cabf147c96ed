package dev.openpanel.camel.imports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.api.ProjectChanges;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectIds;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.imports.ImportRow.ClientRow;
import dev.openpanel.camel.imports.ImportRow.ProjectRow;
import dev.openpanel.camel.imports.ImportRow.ReferenceRow;

/**
 * Decides what a valid row needs, against the file's {@link ResourceCache}: upsert finds the resource by its natural
 * key and asks for a create, one PATCH of the differing fields, or nothing; a key that matches several resources
 * fails the row as ambiguous. Update and delete find the resource by id, else by natural key. A project is never
 * created under a name the server would give the empty id ({@link ProjectIds}).
 */
final class RowPlanner {

    private final ResourceCache cache;
    private final boolean allowRootClients;

    RowPlanner(ResourceCache cache, boolean allowRootClients) {
        this.cache = cache;
        this.allowRootClients = allowRootClients;
    }

    RowPlan plan(ImportRow row) {
        if (row instanceof ProjectRow project) {
            return project(project);
        }
        if (row instanceof ClientRow client) {
            return client(client);
        }
        return reference((ReferenceRow) row);
    }

    private RowPlan project(ProjectRow row) {
        ProjectRequest desired = row.desired();
        if (row.action() == RowAction.CREATE) {
            return create(desired);
        }
        Project current = row.id() != null ? cache.project(row.id()) : single(cache.projectsNamed(desired.name()),
                "name '" + desired.name() + "'", Project::id);
        if (current == null) {
            if (row.id() != null && row.action() != RowAction.UPSERT) {
                return row.action() == RowAction.DELETE ? delete(row.id())
                        : new RowPlan.Call(OpenPanelOperation.UPDATE, row.id(), withoutTypes(desired), null);
            }
            if (row.action() == RowAction.UPSERT && row.id() == null) {
                return create(desired);
            }
            throw new RowRejectedException(row.id() != null ? "no project with id '" + row.id() + "'"
                    : "no project named '" + desired.name() + "'");
        }
        if (row.action() == RowAction.DELETE) {
            return delete(current.id());
        }
        String note = ProjectChanges.typesDiffer(current, desired)
                ? "types cannot change after creation: the project has " + current.types() + ", the file asks for "
                        + desired.types()
                : null;
        Optional<ProjectRequest> patch = ProjectChanges.patch(current, desired);
        return patch.<RowPlan>map(p -> new RowPlan.Call(OpenPanelOperation.UPDATE, current.id(), p, note))
                .orElseGet(() -> unchanged(row, "project", current.id(), current.name(), note));
    }

    private RowPlan client(ClientRow row) {
        String projectId = row.project() == null ? null : cache.projectId(row.project());
        if (row.id() != null && row.action() != RowAction.CREATE) {
            Client current = cache.client(row.id());
            if (row.action() == RowAction.DELETE) {
                return delete(row.id());
            }
            if (current == null) {
                return new RowPlan.Call(OpenPanelOperation.UPDATE, row.id(), ClientRequest.of(row.name(), null, null), null);
            }
            return Objects.equals(current.name(), row.name()) ? unchanged(row, "client", current.id(), current.name(), null)
                    : new RowPlan.Call(OpenPanelOperation.UPDATE, current.id(), ClientRequest.of(row.name(), null, null), null);
        }
        if (row.action() == RowAction.UPDATE) {
            throw new RowRejectedException("update needs an id: the name is part of what identifies a client");
        }
        ClientRequest create = ClientRequest.of(row.name(), projectId, row.type());
        if (row.action() == RowAction.CREATE) {
            return createClient(create);
        }
        Client match = single(cache.clients(row.name(), projectId, row.type()), "(name, project, type)", Client::id);
        if (row.action() == RowAction.DELETE) {
            if (match == null) {
                throw new RowRejectedException("no " + row.type().value() + " client '" + row.name() + "' in project '"
                        + projectId + "'");
            }
            return delete(match.id());
        }
        return match == null ? createClient(create) : unchanged(row, "client", match.id(), match.name(), null);
    }

    private RowPlan reference(ReferenceRow row) {
        String projectId = row.project() == null ? null : cache.projectId(row.project());
        ReferenceRequest desired = ReferenceRequest.of(projectId, row.title(), row.description(), row.datetime());
        if (row.action() == RowAction.CREATE) {
            return new RowPlan.Call(OpenPanelOperation.CREATE, null, desired, null);
        }
        Reference current = row.id() != null ? cache.reference(row.id())
                : single(cache.references(projectId, row.title(), row.datetime()), "(project, title, datetime)", Reference::id);
        if (row.action() == RowAction.DELETE) {
            if (current == null && row.id() == null) {
                throw new RowRejectedException("no reference '" + row.title() + "' at " + row.datetime() + " in project '"
                        + projectId + "'");
            }
            return delete(current != null ? current.id() : row.id());
        }
        if (current == null) {
            if (row.id() != null) {
                return new RowPlan.Call(OpenPanelOperation.UPDATE, row.id(),
                        ReferenceRequest.of(null, row.title(), row.description(), row.datetime()), null);
            }
            if (row.action() == RowAction.UPDATE) {
                throw new RowRejectedException("no reference '" + row.title() + "' at " + row.datetime() + " in project '"
                        + projectId + "'");
            }
            return new RowPlan.Call(OpenPanelOperation.CREATE, null, desired, null);
        }
        ReferenceRequest patch = ReferenceRequest.of(null,
                row.title() != null && !row.title().equals(current.title()) ? row.title() : null,
                row.description() != null && !row.description().equals(Objects.toString(current.description(), ""))
                        ? row.description() : null,
                row.datetime() != null && row.datetime().toEpochMilli() != current.date().toEpochMilli() ? row.datetime() : null);
        boolean changed = patch.title() != null || patch.description() != null || patch.datetime() != null;
        return changed ? new RowPlan.Call(OpenPanelOperation.UPDATE, current.id(), patch, null)
                : unchanged(row, "reference", current.id(), current.title(), null);
    }

    private RowPlan createClient(ClientRequest create) {
        if (create.type() == ClientType.ROOT && !allowRootClients) {
            throw new RowRejectedException("creating a root client from a CSV is refused; set "
                    + "openpanel.import.allow-root-clients=true to allow it");
        }
        return new RowPlan.Call(OpenPanelOperation.CREATE, null, create, null);
    }

    private static RowPlan create(ProjectRequest desired) {
        String emptyId = ProjectIds.emptyIdProblem(desired.name());
        if (emptyId != null) {
            throw new RowRejectedException(emptyId);
        }
        return new RowPlan.Call(OpenPanelOperation.CREATE, null, desired, null);
    }

    private static RowPlan delete(String id) {
        return new RowPlan.Call(OpenPanelOperation.DELETE, id, null, null);
    }

    private static RowPlan unchanged(ImportRow row, String resource, String id, String name, String note) {
        return new RowPlan.Known(new RowResult(row.number(), row.action().value(), RowResult.UNCHANGED, resource, id, name,
                note, null));
    }

    private static ProjectRequest withoutTypes(ProjectRequest desired) {
        return new ProjectRequest(desired.name(), desired.domain(), desired.cors(), desired.crossDomain(), null,
                desired.allowUnsafeRevenueTracking());
    }

    private static <T> T single(List<T> matches, String key, java.util.function.Function<T, String> id) {
        if (matches.size() > 1) {
            throw new RowRejectedException("ambiguous: " + matches.size() + " resources match the " + key + " ("
                    + ResourceCache.ids(matches, id) + "); use the id column");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}
