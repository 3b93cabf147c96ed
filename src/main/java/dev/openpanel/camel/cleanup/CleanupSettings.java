package dev.openpanel.camel.cleanup;

import java.nio.file.Path;
import java.util.function.Function;

import dev.openpanel.camel.config.InvalidConfigurationException;

/**
 * The cleanup settings ({@code openpanel.cleanup.*}).
 *
 * @param rules      the rules file
 * @param dryRun     report only, delete nothing (the default)
 * @param maxDeletes a run that would delete more deletes nothing
 */
public record CleanupSettings(Path rules, boolean dryRun, int maxDeletes) {

    public static CleanupSettings load(Function<String, String> property) {
        String maxDeletes = value(property, "openpanel.cleanup.max-deletes", "25");
        int max;
        try {
            max = Integer.parseInt(maxDeletes);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 0) {
            throw new InvalidConfigurationException("openpanel.cleanup.max-deletes must be a whole number of 0 or more, got '"
                    + maxDeletes + "'.");
        }
        String dryRun = value(property, "openpanel.cleanup.dry-run", "true");
        if (!dryRun.equalsIgnoreCase("true") && !dryRun.equalsIgnoreCase("false")) {
            throw new InvalidConfigurationException("openpanel.cleanup.dry-run (OPENPANEL_CLEANUP_DRY_RUN) must be true or false, got '"
                    + dryRun + "'.");
        }
        return new CleanupSettings(Path.of(value(property, "openpanel.cleanup.rules", "config/cleanup.yaml")),
                Boolean.parseBoolean(dryRun), max);
    }

    private static String value(Function<String, String> property, String key, String fallback) {
        String value = property.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
