package dev.openpanel.camel.retention;

import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.SettingValues;

/**
 * How long the retention job keeps files; {@link Duration#ZERO} keeps them forever.
 *
 * @param secrets files in {@code secrets/}, by last modification ({@code openpanel.secrets.retention}, default 7d)
 * @param state   finished journals and reports, by last modification ({@code openpanel.state.retention}, default 30d)
 */
public record RetentionSettings(Duration secrets, Duration state) {

    public static RetentionSettings load(Function<String, String> property) {
        return new RetentionSettings(retention(property, "openpanel.secrets.retention", "7d"),
                retention(property, "openpanel.state.retention", "30d"));
    }

    /** A duration, or {@code 0} for forever. */
    private static Duration retention(Function<String, String> property, String key, String fallback) {
        String text = SettingValues.text(property, key, fallback);
        Duration value = text.equals("0") ? Duration.ZERO : SettingValues.duration(property, key, fallback);
        if (value.isNegative()) {
            throw new InvalidConfigurationException(key + " must not be negative (0 keeps files forever), got '" + text + "'.");
        }
        return value;
    }
}
