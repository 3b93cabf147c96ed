package dev.openpanel.camel.rotation;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.SettingValues;

/**
 * How rotations run.
 *
 * @param grace         how long a rotated client's old credentials keep working before the old client is deleted
 *                      ({@code openpanel.rotation.grace}, default 24h; 0 deletes it at once)
 * @param rules         the scheduled rotation rules ({@code openpanel.rotation.rules}, default {@code config/rotation.yaml})
 * @param dryRun        whether a scheduled run only reports what it would rotate ({@code openpanel.rotation.dry-run},
 *                      default true)
 * @param maxRotations  the most clients one scheduled run rotates; a run that matches more rotates none and says why
 *                      ({@code openpanel.rotation.max-rotations}, default 25)
 */
public record RotationSettings(Duration grace, String rules, boolean dryRun, int maxRotations) {

    public static RotationSettings load(Function<String, String> property) {
        String text = SettingValues.text(property, "openpanel.rotation.grace", "24h");
        Duration grace = text.equals("0") ? Duration.ZERO : SettingValues.duration(property, "openpanel.rotation.grace", "24h");
        if (grace.isNegative()) {
            throw new InvalidConfigurationException("openpanel.rotation.grace must not be negative (0 deletes the old client at once), got '"
                    + text + "'.");
        }
        String packaged = SettingValues.text(property, "openpanel.config.rotation-rules", "config/rotation.yaml");
        return new RotationSettings(grace, SettingValues.text(property, "openpanel.rotation.rules", packaged),
                SettingValues.bool(property, "openpanel.rotation.dry-run", "true"),
                SettingValues.wholeNumber(property, "openpanel.rotation.max-rotations", "25", 1, "a number of clients"));
    }
}
