package dev.openpanel.camel.component.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ClientRateLimiter} per root client per JVM: every endpoint, route and bean that calls the API with the
 * same client id at the same API shares it, because the server counts them all against one budget.
 */
public final class RateLimiterRegistry implements RateLimiters {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiterRegistry.class);
    private static final RateLimiterRegistry JVM = new RateLimiterRegistry();

    private final Map<String, ClientRateLimiter> limiters = new ConcurrentHashMap<>();

    /** The registry of this JVM. */
    public static RateLimiterRegistry jvm() {
        return JVM;
    }

    /**
     * The limiter of a client id at an API, created with these settings on first use. A later caller with other
     * settings gets the existing limiter (the budget is the server's, not the caller's) and a warning.
     */
    @Override
    public ClientRateLimiter limiterFor(String apiUrl, String clientId, RateLimitSettings settings) {
        ClientRateLimiter limiter = limiters.computeIfAbsent(apiUrl + " " + clientId, k -> new ClientRateLimiter(settings));
        if (!limiter.settings().equals(settings)) {
            LOG.warn("Client {} already has a rate limiter with {}; ignoring the different settings {}",
                    clientId, limiter.settings(), settings);
        }
        return limiter;
    }
}
