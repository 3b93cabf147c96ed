package dev.openpanel.camel.component.kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;

/**
 * What the component knows of one resource of the Manage API: its calls, its natural key (PRODUCT.md section 6: a
 * project by exact name; a client by name, project and type; a reference by project, title and date) and how a
 * desired state differs from a stored one. One implementation per resource; {@link #of} finds it.
 *
 * @param <R> the stored resource ({@code Project}, {@code Client}, {@code Reference})
 * @param <Q> the request that creates or changes it ({@code ProjectRequest}, ...)
 */
public interface ResourceKind<R, Q> {

    OpenPanelResource resource();

    Class<Q> requestType();

    List<R> list(ManageApi api, String projectId);

    R get(ManageApi api, String id);

    /** Creates the resource; the body is what the API gave back (for clients and projects: with the new secret). */
    Created<R> create(ManageApi api, Q desired);

    R update(ManageApi api, String id, Q changes);

    void delete(ManageApi api, String id);

    String id(R resource);

    Instant createdAt(R resource);

    /** The project the resource belongs to (null for projects, and for clients of no project). */
    String projectOf(R resource);

    /** The project a request names (null for projects). */
    String projectOfRequest(Q request);

    /** Whether the resource has the natural key of the desired state. */
    boolean hasKeyOf(R resource, Q desired);

    /** The natural key of a desired state, for messages: {@code name 'shop'}. */
    String describeKey(Q desired);

    /** The PATCH body of the fields that differ (only those the desired state sets), or empty when none do. */
    Optional<Q> changes(R current, Q desired);

    /** The names of the fields a PATCH body sets, for notes. */
    List<String> fieldsOf(Q changes);

    /** A remark on a difference the API cannot patch, or null. */
    default String note(R current, Q desired) {
        return null;
    }

    /** Projects. */
    static ResourceKind<Project, ProjectRequest> projects() {
        return ProjectKind.INSTANCE;
    }

    /** Clients. */
    static ResourceKind<Client, ClientRequest> clients() {
        return ClientKind.INSTANCE;
    }

    /** References. */
    static ResourceKind<Reference, ReferenceRequest> references() {
        return ReferenceKind.INSTANCE;
    }

    /** The kind of a resource. */
    static ResourceKind<?, ?> of(OpenPanelResource resource) {
        return switch (resource) {
            case PROJECTS -> ProjectKind.INSTANCE;
            case CLIENTS -> ClientKind.INSTANCE;
            case REFERENCES -> ReferenceKind.INSTANCE;
        };
    }

    /**
     * What a create gave back.
     *
     * @param resource the stored resource
     * @param body     the API's answer as the component returns it ({@code CreatedProject}, {@code CreatedClient} or
     *                 the {@code Reference})
     */
    record Created<R>(R resource, Object body) {
    }
}
