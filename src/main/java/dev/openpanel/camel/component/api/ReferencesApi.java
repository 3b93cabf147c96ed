package dev.openpanel.camel.component.api;

import static dev.openpanel.camel.component.OpenPanelResource.REFERENCES;

import java.util.List;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;

/** The five reference calls. */
public final class ReferencesApi {

    private static final String PATH = "/manage/references";

    private final ManageApiClient client;

    ReferencesApi(ManageApiClient client) {
        this.client = client;
    }

    /** References of every project of the organisation (pending deletion too), newest first. */
    public List<Reference> list() {
        return list(null);
    }

    /** The references of one project, or all of them when {@code projectId} is null or empty. */
    public List<Reference> list(String projectId) {
        ApiRequest request = ApiRequest.of(REFERENCES, OpenPanelOperation.LIST, PATH, PathIds.projectFilter(REFERENCES, projectId));
        return ManageJson.convertList(ManageJson.data(request, client.execute(request)), Reference.class);
    }

    public Reference get(String id) {
        ApiRequest request = ApiRequest.of(REFERENCES, OpenPanelOperation.GET, path(OpenPanelOperation.GET, id), null);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Reference.class);
    }

    /**
     * Creates a reference. On {@link dev.openpanel.camel.component.error.OutcomeUnknownException} look it up by
     * (project, title, date) before trying again.
     */
    public Reference create(ReferenceRequest reference) {
        ApiRequest request = new ApiRequest(REFERENCES, OpenPanelOperation.CREATE, PATH, null, ManageJson.write(reference), reference);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Reference.class);
    }

    /** Changes title, description or date; a reference cannot move to another project. */
    public Reference update(String id, ReferenceRequest changes) {
        ApiRequest request = new ApiRequest(REFERENCES, OpenPanelOperation.UPDATE, path(OpenPanelOperation.UPDATE, id), null,
                ManageJson.write(changes), changes);
        return ManageJson.convert(ManageJson.data(request, client.execute(request)), Reference.class);
    }

    /** Deletes a reference for good. */
    public void delete(String id) {
        client.execute(ApiRequest.of(REFERENCES, OpenPanelOperation.DELETE, path(OpenPanelOperation.DELETE, id), null));
    }

    private static String path(OpenPanelOperation operation, String id) {
        return PATH + "/" + PathIds.checked(REFERENCES, operation, id);
    }
}
