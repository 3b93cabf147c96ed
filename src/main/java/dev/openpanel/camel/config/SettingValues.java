package dev.openpanel.camel.config;

import java.time.Duration;
import java.util.function.Function;

/**
 * Reads one setting of a job's settings: blank means the default, and a malformed value stops start-up with a
 * sentence naming the key (and its environment variable, when it has one).
 */
public final class SettingValues {

    private SettingValues() {
    }

    /** The trimmed value, or the fallback when the key is unset or blank. */
    public static String text(Function<String, String> property, String key, String fallback) {
        String value = property.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A whole number of at least {@code min}. */
    public static int wholeNumber(Function<String, String> property, String key, String fallback, int min, String meaning) {
        String text = text(property, key, fallback);
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(EnvironmentOverrides.describe(key) + " must be " + meaning + " of at least " + min
                + ", got '" + text + "'.");
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(Function<String, String> property, String key, String fallback) {
        String text = text(property, key, fallback);
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(key) + " must be true or false, got '" + text + "'.");
        }
        return Boolean.parseBoolean(text);
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 14d} or ISO-8601. */
    public static Duration duration(Function<String, String> property, String key, String fallback) {
        try {
            return Durations.parse(text(property, key, fallback));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key + ": " + e.getMessage() + ".");
        }
    }
}
