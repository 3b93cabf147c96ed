package dev.openpanel.camel.cleanup;

import java.nio.file.Path;
import java.util.function.Function;

import dev.openpanel.camel.config.SettingValues;

/**
 * The cleanup settings ({@code openpanel.cleanup.*}).
 *
 * @param rules      the rules file
 * @param dryRun     report only, delete nothing (the default)
 * @param maxDeletes a run that would delete more deletes nothing
 */
public record CleanupSettings(Path rules, boolean dryRun, int maxDeletes) {

    public static CleanupSettings load(Function<String, String> property) {
        return new CleanupSettings(Path.of(SettingValues.text(property, "openpanel.cleanup.rules", "config/cleanup.yaml")),
                SettingValues.bool(property, "openpanel.cleanup.dry-run", "true"),
                SettingValues.wholeNumber(property, "openpanel.cleanup.max-deletes", "25", 0, "a whole number"));
    }
}
