package dev.openpanel.camel.component.ensure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.camel.Exchange;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.kind.ResourceKind;

/**
 * What the organisation holds, for one unit of work (a file, an event, a run): each resource kind is listed once, on
 * first need, and kept current with the unit's own writes, so that {@code ensure} costs one list call per kind and
 * nothing per unchanged resource. It lives in the exchange property {@value OpenPanelConstants#SNAPSHOT}; a split
 * shares it with its parts. Projects created in the unit are known to have no references and no clients but their
 * first one, so finding those of a new project costs no list call. Thread-safe.
 */
public final class ResourceSnapshot {

    private final ManageApi api;
    private final Clock clock;
    private final Map<OpenPanelResource, Listing> listings = new EnumMap<>(OpenPanelResource.class);
    private final Set<String> newProjects = new HashSet<>();
    private final IntentRepository memory = IntentRepository.inMemory();

    private ResourceSnapshot(ManageApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** A new, empty snapshot of the organisation the API belongs to. */
    public static ResourceSnapshot of(ManageApi api) {
        return new ResourceSnapshot(api, Clock.systemUTC());
    }

    /**
     * The exchange's snapshot of this API, created (and set on the exchange) when it has none. Steps of one exchange at
     * different priorities share it; its listings go at the priority of the step that created it.
     */
    public static ResourceSnapshot on(Exchange exchange, ManageApi api) {
        ResourceSnapshot snapshot = exchange.getProperty(OpenPanelConstants.SNAPSHOT, ResourceSnapshot.class);
        if (snapshot == null || snapshot.api.base() != api.base()) {
            snapshot = of(api);
            exchange.setProperty(OpenPanelConstants.SNAPSHOT, snapshot);
        }
        return snapshot;
    }

    /** The API this snapshot lists. */
    public ManageApi api() {
        return api;
    }

    /** Intents of this unit kept in memory, for exchanges without a repository of their own. */
    public IntentRepository memoryIntents() {
        return memory;
    }

    /** Every resource of the kind (one list call the first time). */
    public synchronized <R> List<R> all(ResourceKind<R, ?> kind) {
        return find(kind, null, r -> true);
    }

    /** The resources of the kind that pass the filter; none for a kind of a project created in this unit, unlisted. */
    public synchronized <R> List<R> find(ResourceKind<R, ?> kind, String projectId, Predicate<R> filter) {
        Listing existing = listings.get(kind.resource());
        List<?> candidates = existing == null && projectId != null && newProjects.contains(projectId)
                ? ownWrites(kind) : listing(kind).resources;
        List<R> found = new ArrayList<>();
        for (Object candidate : candidates) {
            @SuppressWarnings("unchecked")
            R resource = (R) candidate;
            if (filter.test(resource)) {
                found.add(resource);
            }
        }
        return found;
    }

    /** The resource with the id, or null when the listing has none. */
    public synchronized <R> R byId(ResourceKind<R, ?> kind, String id) {
        for (R resource : this.<R>find(kind, null, r -> Objects.equals(kind.id(r), id))) {
            return resource;
        }
        return null;
    }

    /**
     * Whether finding resources of the kind (of the project, when given) needs no list call: the kind is listed, or
     * the project was created in this unit.
     */
    public synchronized boolean canFindWithoutListing(ResourceKind<?, ?> kind, String projectId) {
        return listings.containsKey(kind.resource()) || projectId != null && newProjects.contains(projectId);
    }

    /** Takes a listing made by an {@code openpanel:...?operation=list} step as the kind's listing, unless it has one. */
    public synchronized void seed(ResourceKind<?, ?> kind, List<?> listing) {
        listings.putIfAbsent(kind.resource(), new Listing(new ArrayList<>(listing), clock.instant()));
    }

    /** Lists the kind again if its listing is older than {@code instant} (a write may have happened since). */
    public synchronized void refreshIfListedBefore(ResourceKind<?, ?> kind, Instant instant) {
        Listing existing = listings.get(kind.resource());
        if (existing != null && existing.listedAt.isBefore(instant)) {
            listings.remove(kind.resource());
        }
    }

    /** Records a resource this unit created or changed. */
    public synchronized <R> void put(ResourceKind<R, ?> kind, R resource) {
        Listing existing = listings.get(kind.resource());
        List<Object> target = existing != null ? existing.resources : pending(kind);
        target.removeIf(r -> Objects.equals(kind.id(cast(r)), kind.id(resource)));
        target.add(resource);
    }

    /** Records a project this unit created: it has no references, and no clients but the API's first one. */
    public synchronized void markNewProject(String projectId) {
        newProjects.add(projectId);
    }

    /** Forgets a resource this unit deleted. */
    public synchronized <R> void remove(ResourceKind<R, ?> kind, String id) {
        Listing existing = listings.get(kind.resource());
        (existing != null ? existing.resources : pending(kind)).removeIf(r -> Objects.equals(kind.id(cast(r)), id));
    }

    private <R> Listing listing(ResourceKind<R, ?> kind) {
        Listing existing = listings.get(kind.resource());
        if (existing == null) {
            Instant at = clock.instant();
            existing = new Listing(new ArrayList<>(kind.list(api, null)), at);
            listings.put(kind.resource(), existing);
        }
        return existing;
    }

    private final Map<OpenPanelResource, List<Object>> pending = new EnumMap<>(OpenPanelResource.class);

    private List<Object> pending(ResourceKind<?, ?> kind) {
        return pending.computeIfAbsent(kind.resource(), k -> new ArrayList<>());
    }

    private List<Object> ownWrites(ResourceKind<?, ?> kind) {
        return pending(kind);
    }

    @SuppressWarnings("unchecked")
    private static <R> R cast(Object resource) {
        return (R) resource;
    }

    /** One kind's listing and when it was taken. */
    private record Listing(List<Object> resources, Instant listedAt) {
    }
}
