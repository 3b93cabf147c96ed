package dev.openpanel.camel.imports;

import java.util.List;
import java.util.function.Predicate;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectIds;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.imports.ImportRow.ClientRow;
import dev.openpanel.camel.imports.ImportRow.ProjectRef;
import dev.openpanel.camel.imports.ImportRow.ProjectRow;
import dev.openpanel.camel.imports.ImportRow.ReferenceRow;

/**
 * Turns a valid row into its {@code openpanel:} step: upsert is {@code ensure} (by natural key, or by id when the row
 * has one), update is {@code ensure} of a resource that must exist, create is {@code create}, delete is
 * {@code delete} by id (a row without id is resolved by natural key in the file's snapshot). Project names in clients
 * and references files are resolved in the same snapshot. No call is made here: a row that needs a listing the
 * snapshot does not have yet says so ({@link ListingNeeded}), and the route lists it with an openpanel: step. A project
 * is never created under a name the server would give the empty id ({@link ProjectIds}).
 */
final class RowPlanner {

    private final ResourceSnapshot snapshot;
    private final ImportJournal journal;
    private final boolean allowRootClients;

    RowPlanner(ResourceSnapshot snapshot, ImportJournal journal, boolean allowRootClients) {
        this.snapshot = snapshot;
        this.journal = journal;
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
        String emptyId = ProjectIds.emptyIdProblem(desired.name());
        if (emptyId != null && (row.action() == RowAction.CREATE || row.action() == RowAction.UPSERT && row.id() == null
                && listed(ResourceKind.projects(), null).find(ResourceKind.projects(), null, p -> NaturalKeys.isProject(p, desired.name())).isEmpty())) {
            throw new RowRejectedException(emptyId);
        }
        return switch (row.action()) {
            case CREATE -> call(OpenPanelOperation.CREATE, desired, null);
            case DELETE -> row.id() != null ? call(OpenPanelOperation.DELETE, null, row.id())
                    : deleteByKey(row, ResourceKind.projects(), null, p -> NaturalKeys.isProject(p, desired.name()),
                            "no project named '" + desired.name() + "'");
            case UPDATE -> ensure(desired, row.id(), false);
            case UPSERT -> ensure(desired, row.id(), row.id() == null);
        };
    }

    private RowPlan client(ClientRow row) {
        String projectId = row.project() == null ? null : projectId(row.project());
        if (row.id() != null && row.action() != RowAction.CREATE) {
            return row.action() == RowAction.DELETE ? call(OpenPanelOperation.DELETE, null, row.id())
                    : ensure(ClientRequest.of(row.name(), null, null), row.id(), false);
        }
        ClientRequest request = ClientRequest.of(row.name(), projectId, row.type());
        Predicate<dev.openpanel.camel.component.model.Client> sameKey = c -> NaturalKeys.isClient(c, row.name(), projectId,
                row.type());
        return switch (row.action()) {
            case UPDATE -> throw new RowRejectedException("update needs an id: the name is part of what identifies a client");
            case CREATE -> {
                refuseRoot(request);
                yield call(OpenPanelOperation.CREATE, request, null);
            }
            case DELETE -> deleteByKey(row, ResourceKind.clients(), projectId, sameKey,
                    "no " + row.type().value() + " client '" + row.name() + "' in project '" + projectId + "'");
            case UPSERT -> {
                if (listed(ResourceKind.clients(), projectId).find(ResourceKind.clients(), projectId, sameKey).isEmpty()) {
                    refuseRoot(request);
                }
                yield ensure(request, null, true);
            }
        };
    }

    private RowPlan reference(ReferenceRow row) {
        String projectId = row.project() == null ? null : projectId(row.project());
        ReferenceRequest desired = ReferenceRequest.of(projectId, row.title(), row.description(), row.datetime());
        if (row.action() == RowAction.CREATE) {
            return call(OpenPanelOperation.CREATE, desired, null);
        }
        if (row.id() != null) {
            return row.action() == RowAction.DELETE ? call(OpenPanelOperation.DELETE, null, row.id())
                    : ensure(ReferenceRequest.of(null, row.title(), row.description(), row.datetime()), row.id(), false);
        }
        return switch (row.action()) {
            case DELETE -> deleteByKey(row, ResourceKind.references(), projectId,
                    r -> NaturalKeys.isReference(r, projectId, row.title(), row.datetime()),
                    "no reference '" + row.title() + "' at " + row.datetime() + " in project '" + projectId + "'");
            case UPDATE -> ensure(desired, null, false);
            default -> ensure(desired, null, true);
        };
    }

    /** The id of the project a row names (by id as it is, by name through the snapshot). */
    private String projectId(ProjectRef ref) {
        if (ref.id() != null) {
            return ref.id();
        }
        List<Project> named = listed(ResourceKind.projects(), null).find(ResourceKind.projects(), null,
                p -> NaturalKeys.isProject(p, ref.name()));
        if (named.isEmpty()) {
            throw new RowRejectedException("project '" + ref.name() + "' not found");
        }
        if (named.size() > 1) {
            throw new RowRejectedException("project name '" + ref.name() + "' is ambiguous: "
                    + String.join(", ", named.stream().map(Project::id).toList()) + "; use projectId");
        }
        return named.get(0).id();
    }

    private <R> RowPlan deleteByKey(ImportRow row, ResourceKind<R, ?> kind, String projectId, Predicate<R> key,
            String absent) {
        List<R> matches = listed(kind, projectId).find(kind, projectId, key);
        if (matches.size() > 1) {
            throw new RowRejectedException("ambiguous: " + matches.size() + " resources match ("
                    + String.join(", ", matches.stream().map(kind::id).toList()) + "); use the id column");
        }
        if (matches.isEmpty()) {
            boolean deletedBefore = journal != null && journal.intent(row.number())
                    .filter(i -> i.operation() == OpenPanelOperation.DELETE).isPresent();
            if (deletedBefore) {
                return new RowPlan.Known(new RowResult(row.number(), row.action().value(), RowResult.DELETED,
                        kind.resource().singular(), row.id(), row.name(), null, null));
            }
            throw new RowRejectedException(absent);
        }
        return call(OpenPanelOperation.DELETE, null, kind.id(matches.get(0)));
    }

    /**
     * The snapshot, once it can answer for the kind without a list call.
     *
     * @throws ListingNeeded when the route must list the kind first (an openpanel: list step), then plan the row again
     */
    private ResourceSnapshot listed(ResourceKind<?, ?> kind, String projectId) {
        if (!snapshot.canFindWithoutListing(kind, projectId)) {
            throw new ListingNeeded(kind.resource().value());
        }
        return snapshot;
    }

    private void refuseRoot(ClientRequest request) {
        if (request.type() == ClientType.ROOT && !allowRootClients) {
            throw new RowRejectedException("creating a root client from a CSV is refused; set "
                    + "openpanel.import.allow-root-clients=true to allow it");
        }
    }

    /** An ensure step; the listing it finds in is made first, by the route, so rows in flight share one listing. */
    private RowPlan ensure(Object desired, String id, boolean createIfAbsent) {
        ResourceKind<?, ?> kind = desired instanceof ProjectRequest ? ResourceKind.projects()
                : desired instanceof ClientRequest ? ResourceKind.clients() : ResourceKind.references();
        listed(kind, id != null ? null : projectOf(desired));
        return new RowPlan.Call(OpenPanelOperation.ENSURE, desired, id, createIfAbsent);
    }

    private static String projectOf(Object desired) {
        if (desired instanceof ClientRequest client) {
            return client.projectId();
        }
        return desired instanceof ReferenceRequest reference ? reference.projectId() : null;
    }

    private static RowPlan call(OpenPanelOperation operation, Object body, String id) {
        return new RowPlan.Call(operation, body, id, true);
    }
}
