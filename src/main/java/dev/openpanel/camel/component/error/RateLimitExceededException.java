package dev.openpanel.camel.component.error;

import java.time.Duration;

/**
 * The API kept answering 429 after the configured number of waits. Transient: the budget comes back with the next
 * window, and a 429 is always safe to retry because the server rejects it before running any handler.
 */
public class RateLimitExceededException extends OpenPanelApiException {

    private final Duration retryAfter;

    public RateLimitExceededException(ApiFailure failure, Duration retryAfter) {
        super(failure, "Rate limit still exceeded after retrying", null);
        this.retryAfter = retryAfter;
    }

    /** How long the API asked to wait before the last refusal. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    @Override
    public boolean isPermanent() {
        return false;
    }
}
