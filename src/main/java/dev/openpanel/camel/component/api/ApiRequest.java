package dev.openpanel.camel.component.api;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.OpenPanelResource;

/**
 * One call to the Manage API, before credentials are added.
 *
 * @param resource  the resource it acts on
 * @param operation what it does
 * @param path      path from the API root, e.g. {@code /manage/projects/shop}
 * @param query     query string without {@code ?}, or null
 * @param body      JSON body, or null
 * @param payload   the typed request the body was written from (used to resolve an unknown outcome), or null
 */
public record ApiRequest(OpenPanelResource resource, OpenPanelOperation operation, String path, String query, String body,
        Object payload) {

    public String method() {
        return operation.httpMethod();
    }

    /** A request without a body. */
    static ApiRequest of(OpenPanelResource resource, OpenPanelOperation operation, String path, String query) {
        return new ApiRequest(resource, operation, path, query, null, null);
    }

    /** The request line for logs and errors: method and path, never a header or the body. */
    @Override
    public String toString() {
        return method() + " " + path + (query == null ? "" : "?" + query);
    }
}
