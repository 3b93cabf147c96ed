package dev.openpanel.camel.component.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.error.ApiFailure;
import dev.openpanel.camel.component.error.ApiUnavailableException;
import dev.openpanel.camel.component.error.OutcomeUnknownException;
import dev.openpanel.camel.component.error.RateLimitExceededException;
import dev.openpanel.camel.component.limit.CallPriority;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.limit.Permit;
import dev.openpanel.camel.component.limit.ServerBudget;
import dev.openpanel.camel.component.model.ClientCredentials;

/**
 * Executes Manage API calls: every attempt reads the target's current credentials and takes a permit from the shared
 * {@link RateLimiter} of that client id (the budget is the server's per client id, so a changed secret keeps
 * it and a changed id gets its own), 429s are
 * waited out and retried, transient failures are retried with backoff, and a create that may have reached the server
 * is never re-sent ({@link OutcomeUnknownException}). Unsuccessful answers become the exceptions of
 * {@code dev.openpanel.camel.component.error}. Each instance asks the limiter at one {@link CallPriority}
 * ({@link #withPriority}); the one the component hands out is urgent.
 */
public final class ManageApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(ManageApiClient.class);

    private final ApiTarget target;
    private final HttpTransport transport;
    private final Function<String, RateLimiter> limiters;
    private final RetryPolicy retryPolicy;
    private final ApiCallObserver observer;
    private final CallPriority priority;

    /**
     * @param limiters the shared limiter of a client id (asked with the id of each attempt's credentials)
     */
    public ManageApiClient(ApiTarget target, HttpTransport transport, Function<String, RateLimiter> limiters,
            RetryPolicy retryPolicy, ApiCallObserver observer) {
        this(target, transport, limiters, retryPolicy, observer, CallPriority.URGENT);
    }

    private ManageApiClient(ApiTarget target, HttpTransport transport, Function<String, RateLimiter> limiters,
            RetryPolicy retryPolicy, ApiCallObserver observer, CallPriority priority) {
        this.target = target;
        this.transport = transport;
        this.limiters = limiters;
        this.retryPolicy = retryPolicy;
        this.observer = observer;
        this.priority = priority;
    }

    /** The same client (target, transport, limiter, retries) asking for permits at another priority. */
    public ManageApiClient withPriority(CallPriority other) {
        return other == priority ? this : new ManageApiClient(target, transport, limiters, retryPolicy, observer, other);
    }

    public CallPriority priority() {
        return priority;
    }

    public ApiTarget target() {
        return target;
    }

    /** The limiter of the current client id. */
    public RateLimiter limiter() {
        return limiters.apply(target.clientId());
    }

    /**
     * Sends the request until it gets a final answer.
     *
     * @return the successful answer
     * @throws dev.openpanel.camel.component.error.OpenPanelApiException for every other outcome
     */
    public ApiResponse execute(ApiRequest request) {
        int retries = 0;
        int rateLimitWaits = 0;
        boolean earlierAttemptMayHaveArrived = false;
        Instant firstSent = null;
        while (true) {
            ClientCredentials credentials = target.credentials();
            RateLimiter limiter = limiters.apply(credentials.clientId());
            Permit permit = acquire(request, limiter);
            if (firstSent == null) {
                firstSent = Instant.now();
            }
            long start = System.nanoTime();
            ApiResponse response;
            try {
                response = transport.send(request, credentials);
            } catch (IOException e) {
                observer.onUnanswered(request, TransportFailures.describe(e));
                boolean neverSent = TransportFailures.neverSent(e);
                if (neverSent) {
                    limiter.onNotSent(permit);
                } else if (request.operation() == OpenPanelOperation.CREATE) {
                    throw new OutcomeUnknownException(ApiFailure.unanswered(request.method(), request.path(),
                            "no answer after sending (" + TransportFailures.describe(e) + ")"), request.payload(), firstSent, e);
                }
                earlierAttemptMayHaveArrived |= !neverSent;
                if (retries >= retryPolicy.maxRetries()) {
                    throw new ApiUnavailableException(ApiFailure.unanswered(request.method(), request.path(),
                            TransportFailures.describe(e) + " (after " + retries + " retries)"), e);
                }
                retries++;
                backOff(request, retries, neverSent ? "connection failed" : "no answer", TransportFailures.describe(e));
                continue;
            }
            long nanos = System.nanoTime() - start;
            ServerBudget budget = response.budget();
            limiter.onAnswer(permit, budget);
            observer.onAnswer(request, response.status(), nanos);
            if (budget.remaining().isPresent()) {
                observer.onBudget(budget.remaining().getAsInt(), budget.limit().orElse(limiter.settings().requests()));
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} -> {} in {} ms (budget left {}, window resets in {} s)", request, response.status(),
                        TimeUnit.NANOSECONDS.toMillis(nanos), budget.remaining().isPresent() ? budget.remaining().getAsInt() : "?",
                        budget.resetSeconds().isPresent() ? budget.resetSeconds().getAsInt() : "?");
            }
            int status = response.status();
            if (response.isSuccess()) {
                return response;
            }
            if (status == 429) {
                int seconds = budget.retryAfterSeconds().orElse(budget.resetSeconds().orElse(0));
                if (rateLimitWaits >= retryPolicy.maxRateLimitWaits()) {
                    throw new RateLimitExceededException(ApiErrors.failureOf(request, response), Duration.ofSeconds(seconds));
                }
                rateLimitWaits++;
                observer.onRetry(request, "429");
                LOG.info("{} was rate limited (429); retrying after the {} s the server asks for", request, seconds);
                continue;
            }
            if (status >= 500) {
                if (request.operation() == OpenPanelOperation.CREATE) {
                    throw new OutcomeUnknownException(ApiErrors.failureOf(request, response), request.payload(), firstSent, null);
                }
                earlierAttemptMayHaveArrived = true;
                if (retries >= retryPolicy.maxRetries()) {
                    throw new ApiUnavailableException(ApiErrors.failureOf(request, response), null);
                }
                retries++;
                backOff(request, retries, String.valueOf(status), "answered " + status);
                continue;
            }
            if (status == 404 && request.operation() == OpenPanelOperation.DELETE && earlierAttemptMayHaveArrived) {
                LOG.info("{} answered 404 after an attempt without answer: that attempt deleted it", request);
                return new ApiResponse(200, Map.of(), "{\"success\":true}");
            }
            throw ApiErrors.toException(request, response);
        }
    }

    private Permit acquire(ApiRequest request, RateLimiter limiter) {
        try {
            Permit permit = limiter.acquire(priority);
            observer.onLimiterWait(permit.waitedNanos());
            if (permit.waitedNanos() > TimeUnit.SECONDS.toNanos(1) && LOG.isDebugEnabled()) {
                LOG.debug("{} waited {} ms for the rate limiter", request, TimeUnit.NANOSECONDS.toMillis(permit.waitedNanos()));
            }
            return permit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException(ApiFailure.unanswered(request.method(), request.path(),
                    "interrupted while waiting for the rate limiter"), e);
        }
    }

    private void backOff(ApiRequest request, int retry, String reason, String detail) {
        Duration wait = retryPolicy.backoff(retry);
        observer.onRetry(request, reason);
        LOG.warn("{} failed ({}); retry {} of {} in {} ms", request, detail, retry, retryPolicy.maxRetries(), wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException(ApiFailure.unanswered(request.method(), request.path(),
                    "interrupted while backing off after " + detail), e);
        }
    }
}
