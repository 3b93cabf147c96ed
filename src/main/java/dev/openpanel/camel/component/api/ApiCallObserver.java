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

    /** An attempt got no answer: the connection was refused, timed out or dropped. */
    default void onUnanswered(ApiRequest request, String reason) {
    }

    /** An observer that passes every event to each of the given ones, in order. */
    static ApiCallObserver all(ApiCallObserver... observers) {
        return new ApiCallObserver() {
            @Override
            public void onAnswer(ApiRequest request, int status, long nanos) {
                for (ApiCallObserver o : observers) {
                    o.onAnswer(request, status, nanos);
                }
            }

            @Override
            public void onRetry(ApiRequest request, String reason) {
                for (ApiCallObserver o : observers) {
                    o.onRetry(request, reason);
                }
            }

            @Override
            public void onLimiterWait(long nanos) {
                for (ApiCallObserver o : observers) {
                    o.onLimiterWait(nanos);
                }
            }

            @Override
            public void onBudget(int remaining, int limit) {
                for (ApiCallObserver o : observers) {
                    o.onBudget(remaining, limit);
                }
            }

            @Override
            public void onUnanswered(ApiRequest request, String reason) {
                for (ApiCallObserver o : observers) {
                    o.onUnanswered(request, reason);
                }
            }
        };
    }
}
