package dev.openpanel.camel.component.limit;

/**
 * Where the component gets the {@link RateLimiter} of a root client: {@link RateLimiterRegistry#jvm()} by default (one
 * limiter per client id in this JVM), or the cluster's, whose budget all instances on one database share.
 */
@FunctionalInterface
public interface RateLimiters {

    /**
     * The limiter of a client id at an API. Every call with the same API and client id gets the same limiter, whose
     * settings are those of its first use (the budget is the server's, not the caller's).
     */
    RateLimiter limiterFor(String apiUrl, String clientId, RateLimitSettings settings);
}
