package dev.openpanel.camel.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The simulator's data: projects, clients and references of any number of organisations, kept in memory. Tests and
 * sandbox mode seed it through the public methods (with chosen creation times, e.g. for cleanup rules) and read it
 * back to assert on what the API calls did.
 */
public final class SimulatorStore {

    /** The organisation that {@link #addRootClient()} and the sandbox use. */
    public static final String DEFAULT_ORGANIZATION = "sandbox-org";

    private final Random random;
    private final Map<String, SimProject> projects = new LinkedHashMap<>();
    private final Map<String, SimClient> clients = new LinkedHashMap<>();
    private final Map<String, SimReference> references = new LinkedHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    SimulatorStore(Random random) {
        this.random = random;
    }

    /** Makes the store use another clock for creation and update times. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- seeding and inspection, for tests and the sandbox ----

    /** Adds a root client to the default organisation and returns its id and plain secret. */
    public synchronized SeededClient addRootClient() {
        return addClient(DEFAULT_ORGANIZATION, "root", "root", null, now());
    }

    /** Adds a client with a chosen creation time and returns its id and plain secret. */
    public synchronized SeededClient addClient(String organizationId, String name, String type, String projectId,
            Instant createdAt) {
        String secret = SecretHashes.newSecret(random);
        SimClient client = new SimClient(uuid(), organizationId, name, type, projectId,
                SecretHashes.hash(secret, random), millis(createdAt), millis(createdAt));
        clients.put(client.id(), client);
        return new SeededClient(client.id(), secret);
    }

    /** Adds a project with a chosen creation time (no first client) and returns its id. */
    public synchronized String addProject(String organizationId, String name, Instant createdAt) {
        String id = Slugs.uniqueId(name, projects::containsKey, random);
        projects.put(id, new SimProject(id, organizationId, name, null, List.of(), false, List.of(), false, null,
                millis(createdAt), millis(createdAt)));
        return id;
    }

    /** Adds a reference with a chosen date and creation time and returns its id. */
    public synchronized String addReference(String projectId, String title, Instant date, Instant createdAt) {
        SimReference reference = new SimReference(uuid(), projectId, title, null, millis(date), millis(createdAt),
                millis(createdAt));
        references.put(reference.id(), reference);
        return reference.id();
    }

    /**
     * Gives an existing client a new secret (the old one stops working at once) and returns its id and new plain
     * secret, as an administrator regenerating a secret would; e.g. to test that a changed secret file is picked up.
     */
    public synchronized SeededClient replaceSecret(String id) {
        SimClient client = clients.get(id);
        if (client == null) {
            throw new IllegalArgumentException("no client " + id);
        }
        String secret = SecretHashes.newSecret(random);
        clients.put(id, new SimClient(client.id(), client.organizationId(), client.name(), client.type(), client.projectId(),
                SecretHashes.hash(secret, random), client.createdAt(), now()));
        return new SeededClient(id, secret);
    }

    /** Deletes a client, e.g. to revoke the credentials a test uses. */
    public synchronized void removeClient(String id) {
        clients.remove(id);
    }

    /** All projects of all organisations, soft-deleted ones too, in creation order. */
    public synchronized List<SimProject> projects() {
        return List.copyOf(projects.values());
    }

    /** All clients of all organisations, in creation order. */
    public synchronized List<SimClient> clients() {
        return List.copyOf(clients.values());
    }

    /** All references, in creation order. */
    public synchronized List<SimReference> references() {
        return List.copyOf(references.values());
    }

    // ---- what the API handlers use ----

    synchronized Optional<SimClient> clientById(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    synchronized List<SimProject> listProjects(String org) {
        return newestFirst(projects.values(), p -> p.organizationId().equals(org) && !p.isSoftDeleted(), SimProject::createdAt);
    }

    synchronized Optional<SimProject> project(String org, String id) {
        return Optional.ofNullable(projects.get(id)).filter(p -> p.organizationId().equals(org));
    }

    synchronized CreatedProject createProject(String org, SimProject draft) {
        Instant now = now();
        String id = Slugs.uniqueId(draft.name(), projects::containsKey, random);
        SimProject project = new SimProject(id, org, draft.name(), draft.domain(), draft.cors(), draft.crossDomain(),
                draft.types(), false, null, now, now);
        projects.put(id, project);
        CreatedSecretClient first = createClient(org, "First client", id, "write");
        return new CreatedProject(project, first);
    }

    synchronized SimProject updateProject(SimProject updated) {
        projects.put(updated.id(), updated);
        return updated;
    }

    synchronized void softDeleteProject(SimProject project) {
        projects.put(project.id(), new SimProject(project.id(), project.organizationId(), project.name(), project.domain(),
                project.cors(), project.crossDomain(), project.types(), project.allowUnsafeRevenueTracking(),
                now().plus(Duration.ofHours(24)), project.createdAt(), now()));
    }

    synchronized List<SimClient> listClients(String org, String projectId) {
        return newestFirst(clients.values(), c -> c.organizationId().equals(org)
                && (projectId == null || projectId.equals(c.projectId())), SimClient::createdAt);
    }

    synchronized Optional<SimClient> client(String org, String id) {
        return Optional.ofNullable(clients.get(id)).filter(c -> c.organizationId().equals(org));
    }

    synchronized CreatedSecretClient createClient(String org, String name, String projectId, String type) {
        Instant now = now();
        String secret = SecretHashes.newSecret(random);
        SimClient client = new SimClient(uuid(), org, name, type, projectId, SecretHashes.hash(secret, random), now, now);
        clients.put(client.id(), client);
        return new CreatedSecretClient(client, secret);
    }

    synchronized SimClient renameClient(SimClient client, String name) {
        SimClient renamed = new SimClient(client.id(), client.organizationId(), name, client.type(), client.projectId(),
                client.secretHash(), client.createdAt(), now());
        clients.put(renamed.id(), renamed);
        return renamed;
    }

    synchronized void deleteClient(String id) {
        clients.remove(id);
    }

    synchronized List<SimReference> listReferences(String org, String projectId) {
        return newestFirst(references.values(), r -> belongsTo(r, org)
                && (projectId == null || projectId.equals(r.projectId())), SimReference::createdAt);
    }

    synchronized Optional<SimReference> reference(String org, String id) {
        return Optional.ofNullable(references.get(id)).filter(r -> belongsTo(r, org));
    }

    synchronized SimReference saveReference(SimReference reference) {
        references.put(reference.id(), reference);
        return reference;
    }

    synchronized void deleteReference(String id) {
        references.remove(id);
    }

    String newReferenceId() {
        return uuid();
    }

    private boolean belongsTo(SimReference reference, String org) {
        SimProject project = projects.get(reference.projectId());
        return project != null && project.organizationId().equals(org);
    }

    private static <T> List<T> newestFirst(Iterable<T> values, Predicate<T> filter, java.util.function.Function<T, Instant> createdAt) {
        List<T> result = new ArrayList<>();
        for (T value : values) {
            if (filter.test(value)) {
                result.add(0, value);
            }
        }
        result.sort(Comparator.comparing(createdAt).reversed());
        return result;
    }

    private String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A client the store made, with its plain secret (shown once). */
    record CreatedSecretClient(SimClient client, String secret) {
    }

    /** A project the store made, with its first write client. */
    record CreatedProject(SimProject project, CreatedSecretClient firstClient) {
    }

    /**
     * A seeded client's credentials.
     *
     * @param id     the client id
     * @param secret the plain secret
     */
    public record SeededClient(String id, String secret) {
    }
}
