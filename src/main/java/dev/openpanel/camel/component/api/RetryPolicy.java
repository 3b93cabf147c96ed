package dev.openpanel.camel.component.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How the client retries: transient failures (5xx, timeouts, refused connections) up to {@code maxRetries} times with
 * exponential backoff and jitter; 429s up to {@code maxRateLimitWaits} times, each after the server's
 * {@code retry-after}.
 *
 * @param maxRetries        retries after a transient failure (0 = none)
 * @param initialBackoff    wait before the first retry; doubles each time
 * @param maxBackoff        longest wait between retries
 * @param maxRateLimitWaits how many 429s in a row one call waits out before giving up
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, int maxRateLimitWaits) {

    /** 4 retries from 500 ms up to 30 s; 10 rate-limit waits. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 10);

    private static final Random JITTER = new Random();

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || maxRateLimitWaits < 0) {
            throw new IllegalArgumentException("retry counts must not be negative");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial (" + initialBackoff
                    + ") <= max (" + maxBackoff + ")");
        }
    }

    /**
     * The wait before retry number {@code retry} (1-based): {@code initial * 2^(retry-1)}, capped at the maximum, of
     * which a random half is taken away so that callers that failed together do not retry together.
     */
    public Duration backoff(int retry) {
        long ceiling = initialBackoff.toMillis() << Math.min(retry - 1, 30);
        long capped = Math.min(Math.max(ceiling, 0), maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? (long) (JITTER.nextDouble() * half) : 0));
    }
}
