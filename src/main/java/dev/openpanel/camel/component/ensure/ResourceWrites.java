package dev.openpanel.camel.component.ensure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.error.AmbiguousResourceException;
import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;

/**
 * The component's writes, safe to retry: {@code ensure} (find by natural key or id in the unit's snapshot, create if
 * absent, PATCH only what differs, nothing if equal), and {@code create}, {@code update}, {@code delete} with their
 * intents. Each write is recorded as an intent before it is sent; when a later attempt finds a create's intent
 * without an outcome, it looks the resource up (among those created since, less a clock tolerance) before anything
 * is sent again, so a lost answer or a crash never makes a duplicate.
 */
public final class ResourceWrites {

    /** Allowance for the difference between our clock and the server's when matching creation times. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);
    /** The name the API gives the write client it creates with every project. */
    public static final String FIRST_CLIENT = "First client";

    private final Clock clock;

    public ResourceWrites(Clock clock) {
        this.clock = clock;
    }

    /** Makes the resource look as desired; see the class comment. */
    public <R, Q> WriteResult ensure(ResourceKind<R, Q> kind, Q desired, WriteContext context) {
        ResourceSnapshot snapshot = context.snapshot();
        Optional<Intent> intent = context.intents().find(context.intentKey());
        R recovered = intent.filter(i -> i.operation() == OpenPanelOperation.CREATE)
                .map(i -> createdBefore(kind, desired, i, context)).orElse(null);
        R current = recovered != null ? recovered : context.id() != null ? snapshot.byId(kind, context.id())
                : single(kind, desired, snapshot.find(kind, kind.projectOfRequest(desired), r -> kind.hasKeyOf(r, desired)));
        if (current == null) {
            if (context.id() != null || !context.createIfAbsent()) {
                throw notFound(kind, context.id() != null ? "no " + kind.resource().singular() + " with id '" + context.id() + "'"
                        : "no " + kind.resource().singular() + " with the " + kind.describeKey(desired));
            }
            if (context.dryRun()) {
                return new WriteResult(WriteResult.WOULD_CREATE, null, desired, List.of(), null, false);
            }
            return create(kind, desired, context);
        }
        String note = kind.note(current, desired);
        Optional<Q> changes = kind.changes(current, desired);
        boolean updatedBefore = intent.filter(i -> i.operation() == OpenPanelOperation.UPDATE).isPresent();
        String firstClient = recovered != null ? firstClientOf(kind, current, snapshot) : null;
        if (changes.isEmpty()) {
            String outcome = recovered != null ? WriteResult.CREATED : updatedBefore ? WriteResult.UPDATED : WriteResult.UNCHANGED;
            context.intents().succeeded(context.intentKey());
            return new WriteResult(outcome, kind.id(current), current, List.of(), note, recovered != null, firstClient);
        }
        if (context.dryRun()) {
            return new WriteResult(WriteResult.WOULD_UPDATE, kind.id(current), changes.get(), kind.fieldsOf(changes.get()), note,
                    false);
        }
        if (recovered == null) {
            context.intents().record(context.intentKey(), new Intent(OpenPanelOperation.UPDATE, clock.instant()));
        }
        R updated = kind.update(context.api(), kind.id(current), changes.get());
        snapshot.put(kind, updated);
        context.intents().succeeded(context.intentKey());
        return new WriteResult(recovered != null ? WriteResult.CREATED : WriteResult.UPDATED, kind.id(updated), updated,
                kind.fieldsOf(changes.get()), note, recovered != null, firstClient);
    }

    /** Creates the resource, unless an earlier attempt whose answer was lost already did. */
    public <R, Q> WriteResult create(ResourceKind<R, Q> kind, Q desired, WriteContext context) {
        Optional<Intent> intent = context.intents().find(context.intentKey())
                .filter(i -> i.operation() == OpenPanelOperation.CREATE);
        if (intent.isPresent()) {
            R earlier = createdBefore(kind, desired, intent.get(), context);
            if (earlier != null) {
                context.intents().succeeded(context.intentKey());
                return new WriteResult(WriteResult.CREATED, kind.id(earlier), earlier, List.of(), null, true,
                        firstClientOf(kind, earlier, context.snapshot()));
            }
        }
        context.intents().record(context.intentKey(), new Intent(OpenPanelOperation.CREATE, clock.instant()));
        ResourceKind.Created<R> created = kind.create(context.api(), desired);
        context.snapshot().put(kind, created.resource());
        if (kind.resource() == OpenPanelResource.PROJECTS) {
            context.snapshot().markNewProject(kind.id(created.resource()));
        }
        context.intents().succeeded(context.intentKey());
        return new WriteResult(WriteResult.CREATED, kind.id(created.resource()), created.body(), List.of(), null, false);
    }

    /** Sends the changes as they are (one PATCH). */
    public <R, Q> WriteResult update(ResourceKind<R, Q> kind, String id, Q changes, WriteContext context) {
        context.intents().record(context.intentKey(), new Intent(OpenPanelOperation.UPDATE, clock.instant()));
        R updated = kind.update(context.api(), id, changes);
        context.snapshot().put(kind, updated);
        context.intents().succeeded(context.intentKey());
        return new WriteResult(WriteResult.UPDATED, id, updated, kind.fieldsOf(changes), null, false);
    }

    /**
     * Deletes by id. A 404 fails, unless an earlier attempt of the same work was sent (then it is {@code deleted}) or
     * the context says a missing resource is {@code already-gone}.
     */
    public WriteResult delete(ResourceKind<?, ?> kind, String id, WriteContext context) {
        boolean sentBefore = context.intents().find(context.intentKey())
                .filter(i -> i.operation() == OpenPanelOperation.DELETE).isPresent();
        context.intents().record(context.intentKey(), new Intent(OpenPanelOperation.DELETE, clock.instant()));
        String outcome = WriteResult.DELETED;
        try {
            kind.delete(context.api(), id);
        } catch (ResourceNotFoundException e) {
            if (!sentBefore && !context.notFoundIsGone()) {
                throw e;
            }
            outcome = sentBefore ? WriteResult.DELETED : WriteResult.ALREADY_GONE;
        }
        context.snapshot().remove(kind, id);
        context.intents().succeeded(context.intentKey());
        return new WriteResult(outcome, id, Boolean.TRUE, List.of(), null, false);
    }

    /** For a project whose create answer was lost: the write client the API made with it (one clients listing). */
    private static <R> String firstClientOf(ResourceKind<R, ?> kind, R resource, ResourceSnapshot snapshot) {
        if (kind.resource() != OpenPanelResource.PROJECTS) {
            return null;
        }
        String projectId = kind.id(resource);
        snapshot.refreshIfListedBefore(ResourceKind.clients(), Instant.MAX);
        return snapshot.find(ResourceKind.clients(), null, c -> projectId.equals(c.projectId())
                && FIRST_CLIENT.equals(c.name()) && c.type() == ClientType.WRITE).stream()
                .min(Comparator.comparing(Client::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Client::id).orElse(null);
    }

    /** The resource an interrupted create made, or null when it made none. */
    private <R, Q> R createdBefore(ResourceKind<R, Q> kind, Q desired, Intent intent, WriteContext context) {
        ResourceSnapshot snapshot = context.snapshot();
        snapshot.refreshIfListedBefore(kind, intent.at());
        Instant notBefore = intent.at().minus(CLOCK_TOLERANCE);
        List<R> made = snapshot.find(kind, null, r -> kind.hasKeyOf(r, desired)
                && (kind.createdAt(r) == null || !kind.createdAt(r).isBefore(notBefore)));
        if (made.size() > 1) {
            throw ambiguous(kind, "the " + kind.resource().singular() + " with the " + kind.describeKey(desired) + " was created "
                    + made.size() + " times by a create interrupted before its answer (" + String.join(", ", made.stream().map(kind::id).toList())
                    + "); keep one and delete the others", made);
        }
        return made.isEmpty() ? null : made.get(0);
    }

    private static <R, Q> R single(ResourceKind<R, Q> kind, Q desired, List<R> matches) {
        if (matches.size() > 1) {
            throw ambiguous(kind, "ambiguous: " + matches.size() + " " + kind.resource().value() + " match the "
                    + kind.describeKey(desired) + " (" + String.join(", ", matches.stream().map(kind::id).toList())
                    + "); name the one you mean by id", matches);
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static <R> AmbiguousResourceException ambiguous(ResourceKind<R, ?> kind, String reason, List<R> matches) {
        List<String> ids = matches.stream().map(kind::id).toList();
        return new AmbiguousResourceException("ENSURE", "/manage/" + kind.resource().value(), reason, ids);
    }

    private static ResourceNotFoundException notFound(ResourceKind<?, ?> kind, String reason) {
        return new ResourceNotFoundException(ApiFailure.unanswered("ENSURE", "/manage/" + kind.resource().value(), reason));
    }
}
