package dev.openpanel.camel.imports;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.Durations;
import dev.openpanel.camel.config.InvalidConfigurationException;

/**
 * The import settings ({@code openpanel.import.*}).
 *
 * @param allowRootClients whether a clients file may create root clients
 * @param pauseBackoff     first wait while the API is unavailable; doubles up to {@code maxPauseBackoff}
 * @param maxPauseBackoff  longest wait between attempts while paused
 * @param progressInterval how often a running import logs its progress
 */
public record ImportSettings(boolean allowRootClients, Duration pauseBackoff, Duration maxPauseBackoff,
        Duration progressInterval) {

    /** Reads the settings; a bad value stops start-up with a sentence naming it. */
    public static ImportSettings load(Function<String, String> property) {
        return new ImportSettings(
                Boolean.parseBoolean(orDefault(property, "openpanel.import.allow-root-clients", "false")),
                duration(property, "openpanel.import.pause-backoff", "1s"),
                duration(property, "openpanel.import.max-pause-backoff", "60s"),
                duration(property, "openpanel.import.progress-interval", "10s"));
    }

    private static Duration duration(Function<String, String> property, String key, String fallback) {
        try {
            return Durations.parse(orDefault(property, key, fallback));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key + ": " + e.getMessage() + ".");
        }
    }

    private static String orDefault(Function<String, String> property, String key, String fallback) {
        String value = property.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
