package dev.openpanel.camel.cleanup;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.SettingValues;

/**
 * The cleanup settings ({@code openpanel.cleanup.*}).
 *
 * @param rules      the rules file: a path, or {@code classpath:...} for the rules packaged in the jar
 * @param dryRun     report only, delete nothing (the default)
 * @param maxDeletes a run that would delete more deletes nothing
 * @param maxDuration a run that takes longer stops, reports why, and lets the next run start
 */
public record CleanupSettings(String rules, boolean dryRun, int maxDeletes, Duration maxDuration) {

    public static CleanupSettings load(Function<String, String> property) {
        Duration maxDuration = SettingValues.duration(property, "openpanel.cleanup.max-duration", "10m");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new InvalidConfigurationException("openpanel.cleanup.max-duration must be longer than 0, got '"
                    + SettingValues.text(property, "openpanel.cleanup.max-duration", "10m") + "'.");
        }
        return new CleanupSettings(SettingValues.text(property, "openpanel.cleanup.rules", "config/cleanup.yaml"),
                SettingValues.bool(property, "openpanel.cleanup.dry-run", "true"),
                SettingValues.wholeNumber(property, "openpanel.cleanup.max-deletes", "25", 0, "a whole number"), maxDuration);
    }
}
