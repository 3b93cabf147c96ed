package dev.openpanel.camel.component.error;

/**
 * What is known about a failed call: the request line and, when the API answered, its status and message.
 *
 * @param method     HTTP method
 * @param path       request path, e.g. {@code /manage/clients}
 * @param statusCode HTTP status, or 0 when there was no answer
 * @param apiError   the answer's {@code error} field, or null
 * @param apiMessage the answer's {@code message} field, or a local reason
 */
public record ApiFailure(String method, String path, int statusCode, String apiError, String apiMessage) {

    /** A failure the API answered. */
    public static ApiFailure answered(String method, String path, int statusCode, String apiError, String apiMessage) {
        return new ApiFailure(method, path, statusCode, apiError, apiMessage);
    }

    /** A failure without an answer (local validation, connection trouble). */
    public static ApiFailure unanswered(String method, String path, String reason) {
        return new ApiFailure(method, path, 0, null, reason);
    }

    String describe(String summary) {
        StringBuilder text = new StringBuilder(summary).append(": ").append(method).append(' ').append(path);
        if (statusCode > 0) {
            text.append(" answered ").append(statusCode);
        }
        if (apiMessage != null && !apiMessage.isBlank()) {
            text.append(": ").append(apiMessage);
        }
        return text.toString();
    }
}
