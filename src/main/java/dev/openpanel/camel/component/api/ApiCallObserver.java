package dev.openpanel.camel.component.api;

/** Hears about every API call, for metrics. All methods default to doing nothing. */
public interface ApiCallObserver {

    /** Does nothing. */
    ApiCallObserver NONE = new ApiCallObserver() {
    };

    /** An answer arrived (any status), after {@code nanos} on the wire. */
    default void onAnswer(ApiRequest request, int status, long nanos) {
    }

    /** The request is about to be retried, for the given reason (e.g. {@code 429}, {@code 503}, {@code timeout}). */
    default void onRetry(ApiRequest request, String reason) {
    }

    /** A caller waited this long for the rate limiter before sending. */
    default void onLimiterWait(long nanos) {
    }

    /** The server's remaining budget after an answer that reported it. */
    default void onBudget(int remaining, int limit) {
    }
}
