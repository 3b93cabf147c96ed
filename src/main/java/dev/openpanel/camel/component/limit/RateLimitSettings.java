package dev.openpanel.camel.component.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The request budget of one root client: at most {@code requests} per {@code period}, with {@code margin} added to
 * the period to absorb network jitter between our clock and the server's.
 *
 * @param requests requests allowed per window (the Manage API allows 20)
 * @param period   length of the server's window (the Manage API uses 10 s)
 * @param margin   extra spacing added to every window, so jitter cannot squeeze one request too many into a server
 *                 window; it costs {@code margin / (period + margin)} of the throughput (2% by default)
 */
public record RateLimitSettings(int requests, Duration period, Duration margin) {

    /** The Manage API's budget: 20 requests per 10 seconds, with a 200 ms margin. */
    public static final RateLimitSettings MANAGE_API = new RateLimitSettings(20, Duration.ofSeconds(10), Duration.ofMillis(200));

    public RateLimitSettings {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(margin, "margin");
        if (requests < 1) {
            throw new IllegalArgumentException("the rate limit must allow at least 1 request per period, got " + requests);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the rate-limit period must be positive, got " + period);
        }
        if (margin.isNegative() || margin.compareTo(period) > 0) {
            throw new IllegalArgumentException("the rate-limit margin must be between 0 and the period, got " + margin);
        }
    }

    /** The spacing the limiter enforces: at most {@link #requests()} sends in any interval this long. */
    public Duration window() {
        return period.plus(margin);
    }
}
