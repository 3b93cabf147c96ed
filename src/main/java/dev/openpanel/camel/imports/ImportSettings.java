package dev.openpanel.camel.imports;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.SettingValues;

/**
 * The import settings ({@code openpanel.import.*}).
 *
 * @param allowRootClients whether a clients file may create root clients
 * @param pauseBackoff     first wait while the API is unavailable; doubles up to {@code maxPauseBackoff}
 * @param maxPauseBackoff  longest wait between attempts while paused
 * @param progressInterval how often a running import logs its progress
 * @param concurrency      rows of one file in flight at once
 */
public record ImportSettings(boolean allowRootClients, Duration pauseBackoff, Duration maxPauseBackoff,
        Duration progressInterval, int concurrency) {

    /** Most rows of one file in flight at once, whatever the budget. */
    public static final int MAX_CONCURRENCY = 64;

    /**
     * Reads the settings; a bad value stops start-up with a sentence naming it. {@code budget} is the requests per
     * window left to this service (rate-limit.requests minus reserve), the default concurrency.
     */
    public static ImportSettings load(Function<String, String> property, int budget) {
        return new ImportSettings(
                SettingValues.bool(property, "openpanel.import.allow-root-clients", "false"),
                SettingValues.duration(property, "openpanel.import.pause-backoff", "1s"),
                SettingValues.duration(property, "openpanel.import.max-pause-backoff", "60s"),
                SettingValues.duration(property, "openpanel.import.progress-interval", "10s"),
                concurrency(property, budget));
    }

    /**
     * {@code openpanel.import.concurrency}, or by default the budget left to this service per window (requests minus
     * reserve): enough calls in flight to use the whole budget at any latency up to the window's length, since the
     * limiter paces them; at a lower latency the extra rows only wait for their permit.
     */
    private static int concurrency(Function<String, String> property, int budget) {
        String configured = property.apply("openpanel.import.concurrency");
        int concurrency = configured == null || configured.isBlank() ? budget
                : SettingValues.wholeNumber(property, "openpanel.import.concurrency", "1", 1, "a number of rows");
        return Math.max(1, Math.min(MAX_CONCURRENCY, concurrency));
    }
}
