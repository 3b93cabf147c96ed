package dev.openpanel.camel.component.api;

import java.util.regex.Pattern;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.InvalidRequestException;

/**
 * Checks ids before they go into a path or query. Project ids are slugs; client and reference ids are UUIDs (the API
 * answers a 500, not a 404, for anything else). An empty id is refused: {@code /manage/projects/} would address the
 * project whose id is the empty string.
 */
final class PathIds {

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    static String checked(OpenPanelResource resource, OpenPanelOperation operation, String id) {
        Pattern pattern = resource == OpenPanelResource.PROJECTS ? SLUG : UUID;
        if (id == null || !pattern.matcher(id).matches()) {
            String expected = resource == OpenPanelResource.PROJECTS ? "a project id (letters, digits, '-')" : "a UUID";
            throw new InvalidRequestException(ApiFailure.unanswered(operation.httpMethod(),
                    "/manage/" + resource.value() + "/{id}", resource.singular() + " id '" + (id == null ? "" : id)
                            + "' is not " + expected));
        }
        return id;
    }

    static String projectFilter(OpenPanelResource resource, String projectId) {
        if (projectId == null || projectId.isEmpty()) {
            return null;
        }
        if (!SLUG.matcher(projectId).matches()) {
            throw new InvalidRequestException(ApiFailure.unanswered("GET", "/manage/" + resource.value(),
                    "project id '" + projectId + "' is not a project id (letters, digits, '-')"));
        }
        return "projectId=" + projectId;
    }
}
