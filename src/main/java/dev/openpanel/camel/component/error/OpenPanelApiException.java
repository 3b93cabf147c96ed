package dev.openpanel.camel.component.error;

/**
 * A Manage API call that did not succeed. Carries the HTTP status (0 when there was no answer), the API's own
 * {@code error} and {@code message}, and the request line (method and path): never a header, a body or a secret.
 * Subclasses say what happened; {@link #isPermanent()} says whether trying again later can help.
 */
public abstract class OpenPanelApiException extends RuntimeException {

    private final String method;
    private final String path;
    private final int statusCode;
    private final String apiError;
    private final String apiMessage;

    protected OpenPanelApiException(ApiFailure failure, String summary, Throwable cause) {
        super(failure.describe(summary), cause);
        this.method = failure.method();
        this.path = failure.path();
        this.statusCode = failure.statusCode();
        this.apiError = failure.apiError();
        this.apiMessage = failure.apiMessage();
    }

    /** Whether the same request can never succeed as it is (bad input, unknown id); false when waiting can help. */
    public abstract boolean isPermanent();

    /** The HTTP method of the failed request. */
    public String getMethod() {
        return method;
    }

    /** The path of the failed request, e.g. {@code /manage/projects/shop}. */
    public String getPath() {
        return path;
    }

    /** The HTTP status the API answered with, or 0 when no answer arrived (or the request was never sent). */
    public int getStatusCode() {
        return statusCode;
    }

    /** The {@code error} field of the API's answer, when it had one. */
    public String getApiError() {
        return apiError;
    }

    /** The {@code message} field of the API's answer, or the local reason when the request was not sent. */
    public String getApiMessage() {
        return apiMessage;
    }
}
