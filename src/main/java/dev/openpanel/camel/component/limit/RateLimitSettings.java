package dev.openpanel.camel.component.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The request budget of one root client: at most {@code requests} per {@code period}, with {@code margin} added to
 * the period to absorb network jitter between our clock and the server's, of which {@code reserve} requests of every
 * window are left to other users of the same client id.
 *
 * @param requests requests allowed per window (the Manage API allows 20)
 * @param period   length of the server's window (the Manage API uses 10 s)
 * @param margin   extra spacing added to every window, so jitter cannot squeeze one request too many into a server
 *                 window; it costs {@code margin / (period + margin)} of the throughput (2% by default)
 * @param reserve  requests of every window this process leaves to other tools on the same client id (the Export and
 *                 Insights APIs, another instance); 0 to use the whole budget
 */
public record RateLimitSettings(int requests, Duration period, Duration margin, int reserve) {

    /** The Manage API's budget: 20 requests per 10 seconds, with a 200 ms margin and no reserve. */
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
        if (reserve < 0 || reserve >= requests) {
            throw new IllegalArgumentException("the rate-limit reserve must be at least 0 and less than the " + requests
                    + " requests per period, so that some are left for this process; got " + reserve);
        }
    }

    /** A budget with nothing reserved for others. */
    public RateLimitSettings(int requests, Duration period, Duration margin) {
        this(requests, period, margin, 0);
    }

    /** The spacing the limiter enforces: at most {@link #budget()} sends in any interval this long. */
    public Duration window() {
        return period.plus(margin);
    }

    /** The requests per window this process may send: {@code requests - reserve}. */
    public int budget() {
        return requests - reserve;
    }
}
