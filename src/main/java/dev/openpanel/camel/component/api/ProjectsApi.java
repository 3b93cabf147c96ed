package dev.openpanel.camel.component.api;

import static dev.openpanel.camel.component.OpenPanelResource.PROJECTS;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.logging.SecretMasker;

/** The five project calls. */
public final class ProjectsApi {

    private static final String PATH = "/manage/projects";

    private final ManageApiClient client;

    ProjectsApi(ManageApiClient client) {
        this.client = client;
    }

    /** Projects of the organisation that are not pending deletion, newest first. */
    public List<Project> list() {
        ApiRequest request = ApiRequest.of(PROJECTS, OpenPanelOperation.LIST, PATH, null);
        return ManageJson.convertList(ManageJson.data(request, client.execute(request)), Project.class);
    }

    /** A project by id, also while it is pending deletion. */
    public Project get(String id) {
        ApiRequest request = ApiRequest.of(PROJECTS, OpenPanelOperation.GET, path(OpenPanelOperation.GET, id), null);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Project.class);
    }

    /**
     * Creates a project. The server picks its id from the name, so creating the same name twice makes two projects:
     * on {@link dev.openpanel.camel.component.error.OutcomeUnknownException} look it up by name before trying again.
     */
    public CreatedProject create(ProjectRequest project) {
        ApiRequest request = new ApiRequest(PROJECTS, OpenPanelOperation.CREATE, PATH, null, ManageJson.write(project), project);
        JsonNode data = ManageJson.data(request, client.execute(request));
        JsonNode first = data.path("client");
        String secret = first.path("secret").asText(null);
        SecretMasker.remember(secret);
        ClientCredentials credentials = secret == null ? null
                : new ClientCredentials(first.path("id").asText(), Secret.of(secret));
        return new CreatedProject(ManageJson.convert(data, Project.class), credentials);
    }

    /** Changes the fields the request sets ({@code types} cannot change after creation). */
    public Project update(String id, ProjectRequest changes) {
        ApiRequest request = new ApiRequest(PROJECTS, OpenPanelOperation.UPDATE, path(OpenPanelOperation.UPDATE, id), null,
                ManageJson.write(changes), changes);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Project.class);
    }

    /** Soft-deletes a project: it leaves the list at once and is removed for good after 24 hours. */
    public void delete(String id) {
        client.execute(ApiRequest.of(PROJECTS, OpenPanelOperation.DELETE, path(OpenPanelOperation.DELETE, id), null));
    }

    private static String path(OpenPanelOperation operation, String id) {
        return PATH + "/" + PathIds.checked(PROJECTS, operation, id);
    }
}
