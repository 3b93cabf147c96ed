package dev.openpanel.camel.component.api;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.component.error.AccessDeniedException;
import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.ApiUnavailableException;
import dev.openpanel.camel.component.error.AuthenticationException;
import dev.openpanel.camel.component.error.InvalidRequestException;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.ResourceNotFoundException;

/** Turns an unsuccessful answer into the exception that says what happened. */
final class ApiErrors {

    private static final int MAX_MESSAGE = 300;

    private ApiErrors() {
    }

    /** The failure of an answer that is neither a success nor a 429 or 5xx (those are retried first). */
    static OpenPanelApiException toException(ApiRequest request, ApiResponse response) {
        ApiFailure failure = failureOf(request, response);
        int status = response.status();
        if (status == 401) {
            return new AuthenticationException(failure);
        }
        if (status == 403) {
            return new AccessDeniedException(failure);
        }
        if (status == 404) {
            if (isApiNotFound(response)) {
                return new ResourceNotFoundException(failure);
            }
            return new ApiUnavailableException(ApiFailure.answered(request.method(), request.path(), 404, failure.apiError(),
                    "no Manage API route here (" + failure.apiMessage() + "); openpanel.api-url must be the API root, "
                            + "e.g. https://api.openpanel.dev or https://analytics.example.com/api"), null);
        }
        if (status >= 400 && status < 500) {
            return new InvalidRequestException(failure);
        }
        return new ApiUnavailableException(failure, null);
    }

    /** What an answer says: its status and the {@code error} and {@code message} of a JSON body, or the text. */
    static ApiFailure failureOf(ApiRequest request, ApiResponse response) {
        JsonNode body = ManageJson.readTreeOrNull(response.body());
        String error = null;
        String message;
        if (body != null && body.isObject()) {
            error = body.path("error").isTextual() ? body.path("error").asText() : null;
            message = body.path("message").isTextual() ? body.path("message").asText() : null;
        } else {
            message = response.body() == null ? null : response.body().strip();
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return ApiFailure.answered(request.method(), request.path(), response.status(), error, message);
    }

    /** The Manage API's own 404 carries {@code "status": 404}; a route-not-found 404 or a proxy's does not. */
    private static boolean isApiNotFound(ApiResponse response) {
        JsonNode body = ManageJson.readTreeOrNull(response.body());
        return body != null && body.path("status").asInt() == 404;
    }
}
