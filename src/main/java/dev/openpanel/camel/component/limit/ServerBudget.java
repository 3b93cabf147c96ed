package dev.openpanel.camel.component.limit;

import java.util.OptionalInt;

/**
 * What one answer said about the server's rate-limit window: {@code x-ratelimit-limit}, {@code x-ratelimit-remaining},
 * {@code x-ratelimit-reset} (whole seconds until the window ends, rounded up; not an epoch) and, on a 429,
 * {@code retry-after} in seconds. Any of them may be absent (an unknown route carries none).
 */
public record ServerBudget(boolean rateLimited, OptionalInt limit, OptionalInt remaining, OptionalInt resetSeconds,
        OptionalInt retryAfterSeconds) {

    /** An answer that said nothing about the budget. */
    public static ServerBudget unknown() {
        return new ServerBudget(false, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }
}
