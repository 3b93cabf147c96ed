package dev.openpanel.camel.health;

import dev.openpanel.camel.component.api.ApiCallObserver;
import dev.openpanel.camel.component.api.ApiRequest;

/**
 * Follows whether the Manage API is usable, from the outcome of the calls the service makes anyway: a success means
 * up; a 401 or 403 means the credentials are refused; a 5xx or no answer means unreachable. Answers that say nothing
 * about either (400, 429: both come before authentication) leave the state alone.
 */
public final class ApiReadiness implements ApiCallObserver {

    /** What is known about the API. */
    public enum State {
        /** No call has finished yet. */
        UNKNOWN,
        /** The last telling call succeeded. */
        UP,
        /** The API refused the credentials (401 or 403). */
        CREDENTIALS_REFUSED,
        /** The API did not answer, or answered with a 5xx. */
        UNREACHABLE
    }

    private volatile State state = State.UNKNOWN;
    private volatile String detail = "no call has finished yet";

    public State state() {
        return state;
    }

    /** Why the state is what it is, e.g. {@code projects list answered 401: ...}. */
    public String detail() {
        return detail;
    }

    @Override
    public void onAnswer(ApiRequest request, int status, long nanos) {
        if (status >= 200 && status < 300 || status == 404) {
            set(State.UP, call(request) + " answered " + status);
        } else if (status == 401 || status == 403) {
            set(State.CREDENTIALS_REFUSED, call(request) + " answered " + status + ": the API refuses the configured credentials");
        } else if (status >= 500) {
            set(State.UNREACHABLE, call(request) + " answered " + status);
        }
    }

    @Override
    public void onUnanswered(ApiRequest request, String reason) {
        set(State.UNREACHABLE, call(request) + " got no answer: " + reason);
    }

    /** The call without its path (Camel's health JSON escapes slashes twice): {@code projects list}. */
    private static String call(ApiRequest request) {
        return request.resource().value() + " " + request.operation().value();
    }

    private void set(State newState, String newDetail) {
        detail = newDetail;
        state = newState;
    }
}
