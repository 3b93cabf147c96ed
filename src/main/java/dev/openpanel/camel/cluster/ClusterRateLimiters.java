package dev.openpanel.camel.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.limit.RateLimiters;

/**
 * The rate limiters of cluster mode: one {@link ClusterRateLimiter} per root client in this instance, all on the
 * instance's {@link ClusterDatabase}, so every instance with the same API and client id spends one shared budget.
 */
public final class ClusterRateLimiters implements RateLimiters {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRateLimiters.class);

    private final ClusterDatabase database;
    private final String instanceId;
    private final Map<String, ClusterRateLimiter> limiters = new ConcurrentHashMap<>();

    private final LongSupplier clock;

    public ClusterRateLimiters(ClusterDatabase database, String instanceId) {
        this(database, instanceId, System::nanoTime);
    }

    /** With the clock the limiters measure their own durations by (latencies), for tests. */
    ClusterRateLimiters(ClusterDatabase database, String instanceId, LongSupplier clock) {
        this.database = database;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    @Override
    public RateLimiter limiterFor(String apiUrl, String clientId, RateLimitSettings settings) {
        String key = apiUrl + " " + clientId;
        ClusterRateLimiter limiter = limiters.computeIfAbsent(key,
                k -> new ClusterRateLimiter(settings, database, k, instanceId, clock));
        if (!limiter.settings().equals(settings)) {
            LOG.warn("Client {} already has a rate limiter with {}; ignoring the different settings {}", clientId,
                    limiter.settings(), settings);
        }
        return limiter;
    }
}
