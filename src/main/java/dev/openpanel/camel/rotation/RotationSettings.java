package dev.openpanel.camel.rotation;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.SettingValues;

/**
 * How rotations run.
 *
 * @param grace how long a rotated client's old credentials keep working before the old client is deleted
 *              ({@code openpanel.rotation.grace}, default 24h; 0 deletes it at once)
 */
public record RotationSettings(Duration grace) {

    public static RotationSettings load(Function<String, String> property) {
        String text = SettingValues.text(property, "openpanel.rotation.grace", "24h");
        Duration grace = text.equals("0") ? Duration.ZERO : SettingValues.duration(property, "openpanel.rotation.grace", "24h");
        if (grace.isNegative()) {
            throw new InvalidConfigurationException("openpanel.rotation.grace must not be negative (0 deletes the old client at once), got '"
                    + text + "'.");
        }
        return new RotationSettings(grace);
    }
}
