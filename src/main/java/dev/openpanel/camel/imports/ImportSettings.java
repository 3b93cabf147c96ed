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
 */
public record ImportSettings(boolean allowRootClients, Duration pauseBackoff, Duration maxPauseBackoff,
        Duration progressInterval) {

    /** Reads the settings; a bad value stops start-up with a sentence naming it. */
    public static ImportSettings load(Function<String, String> property) {
        return new ImportSettings(
                SettingValues.bool(property, "openpanel.import.allow-root-clients", "false"),
                SettingValues.duration(property, "openpanel.import.pause-backoff", "1s"),
                SettingValues.duration(property, "openpanel.import.max-pause-backoff", "60s"),
                SettingValues.duration(property, "openpanel.import.progress-interval", "10s"));
    }
}
