package dev.openpanel.camel.component.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import dev.openpanel.camel.component.error.OutcomeUnknownException;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;

/**
 * Resolves an {@link OutcomeUnknownException} by looking the resource up by its natural key (project: exact name;
 * client: name, project and type; reference: project, title and date) among resources created since the request was
 * sent (less a tolerance for the difference between our clock and the server's). One list call per lookup.
 */
public final class OutcomeResolver {

    /** The name the API gives the write client it creates with every project. */
    public static final String FIRST_CLIENT = "First client";

    private final ManageApi api;
    private final Duration clockTolerance;

    OutcomeResolver(ManageApi api, Duration clockTolerance) {
        this.api = api;
        this.clockTolerance = clockTolerance;
    }

    /** Looks up what the request of the exception would have created. */
    public Resolution<?> resolve(OutcomeUnknownException unknown) {
        Instant notBefore = unknown.getSentAt().minus(clockTolerance);
        Object request = unknown.getRequest();
        if (request instanceof ProjectRequest project) {
            return findProject(project, notBefore);
        }
        if (request instanceof ClientRequest client) {
            return findClient(client, notBefore);
        }
        if (request instanceof ReferenceRequest reference) {
            return findReference(reference, notBefore);
        }
        throw new IllegalArgumentException("cannot resolve a request of type "
                + (request == null ? "null" : request.getClass().getSimpleName()));
    }

    /** Projects named exactly {@code request.name()} created at or after {@code notBefore}. */
    public Resolution<Project> findProject(ProjectRequest request, Instant notBefore) {
        return new Resolution<>(api.projects().list().stream()
                .filter(p -> NaturalKeys.isProject(p, request.name()))
                .filter(p -> createdSince(p.createdAt(), notBefore))
                .toList());
    }

    /** Clients with the request's name, project and type (default {@code write}) created at or after {@code notBefore}. */
    public Resolution<Client> findClient(ClientRequest request, Instant notBefore) {
        return new Resolution<>(api.clients().list(request.projectId()).stream()
                .filter(c -> NaturalKeys.isClient(c, request.name(), request.projectId(), request.type()))
                .filter(c -> createdSince(c.createdAt(), notBefore))
                .toList());
    }

    /** References of the request's project with its title and date created at or after {@code notBefore}. */
    public Resolution<Reference> findReference(ReferenceRequest request, Instant notBefore) {
        return new Resolution<>(api.references().list(request.projectId()).stream()
                .filter(r -> NaturalKeys.isReference(r, request.projectId(), request.title(), request.datetime()))
                .filter(r -> createdSince(r.createdAt(), notBefore))
                .toList());
    }

    /**
     * The write client the API made with a project ({@value #FIRST_CLIENT}), for a project whose create answer was
     * lost: its id, or empty when it is gone. One list call.
     */
    public Optional<String> findFirstClient(String projectId) {
        return api.clients().list(projectId).stream()
                .filter(c -> FIRST_CLIENT.equals(c.name()) && c.type() == ClientType.WRITE)
                .min(Comparator.comparing(Client::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Client::id);
    }

    private static boolean createdSince(Instant createdAt, Instant notBefore) {
        return notBefore == null || createdAt == null || !createdAt.isBefore(notBefore);
    }
}
