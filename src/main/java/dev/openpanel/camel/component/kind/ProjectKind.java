package dev.openpanel.camel.component.kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.api.ProjectChanges;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;

/**
 * Projects: found by exact name. A create that asks for fields the API ignores on create
 * ({@code allowUnsafeRevenueTracking}) is followed by one PATCH of them; {@code types} cannot change afterwards.
 */
final class ProjectKind implements ResourceKind<Project, ProjectRequest> {

    static final ProjectKind INSTANCE = new ProjectKind();

    @Override
    public OpenPanelResource resource() {
        return OpenPanelResource.PROJECTS;
    }

    @Override
    public Class<ProjectRequest> requestType() {
        return ProjectRequest.class;
    }

    @Override
    public List<Project> list(ManageApi api, String projectId) {
        return api.projects().list();
    }

    @Override
    public Project get(ManageApi api, String id) {
        return api.projects().get(id);
    }

    @Override
    public Created<Project> create(ManageApi api, ProjectRequest desired) {
        CreatedProject created = api.projects().create(desired);
        Optional<ProjectRequest> rest = ProjectChanges.patch(created.project(), desired);
        if (rest.isPresent()) {
            created = new CreatedProject(api.projects().update(created.project().id(), rest.get()), created.firstClient());
        }
        return new Created<>(created.project(), created);
    }

    @Override
    public Project update(ManageApi api, String id, ProjectRequest changes) {
        return api.projects().update(id, changes);
    }

    @Override
    public void delete(ManageApi api, String id) {
        api.projects().delete(id);
    }

    @Override
    public String id(Project resource) {
        return resource.id();
    }

    @Override
    public Instant createdAt(Project resource) {
        return resource.createdAt();
    }

    @Override
    public String projectOf(Project resource) {
        return null;
    }

    @Override
    public String projectOfRequest(ProjectRequest request) {
        return null;
    }

    @Override
    public boolean hasKeyOf(Project resource, ProjectRequest desired) {
        return NaturalKeys.isProject(resource, desired.name());
    }

    @Override
    public String describeKey(ProjectRequest desired) {
        return "name '" + desired.name() + "'";
    }

    @Override
    public Optional<ProjectRequest> changes(Project current, ProjectRequest desired) {
        return ProjectChanges.patch(current, desired);
    }

    @Override
    public List<String> fieldsOf(ProjectRequest patch) {
        List<String> fields = new ArrayList<>();
        if (patch.name() != null) {
            fields.add("name");
        }
        if (patch.domain() != null) {
            fields.add("domain");
        }
        if (patch.cors() != null) {
            fields.add("cors");
        }
        if (patch.crossDomain() != null) {
            fields.add("crossDomain");
        }
        if (patch.allowUnsafeRevenueTracking() != null) {
            fields.add("allowUnsafeRevenueTracking");
        }
        return fields;
    }

    @Override
    public String note(Project current, ProjectRequest desired) {
        return ProjectChanges.typesDiffer(current, desired)
                ? "types cannot change after creation: the project has " + current.types() + ", the request asks for "
                        + desired.types()
                : null;
    }
}
