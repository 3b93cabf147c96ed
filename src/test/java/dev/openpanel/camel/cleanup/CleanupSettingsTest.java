package dev.openpanel.camel.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.config.InvalidConfigurationException;

/** openpanel.cleanup.max-duration is read like the other durations and must be longer than zero. */
class CleanupSettingsTest {

    @Test
    void maxDurationIsTenMinutesByDefaultAndTakesTheUsualForms() {
        assertThat(CleanupSettings.load(key -> null).maxDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(CleanupSettings.load(Map.of("openpanel.cleanup.max-duration", "90s")::get).maxDuration())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(CleanupSettings.load(Map.of("openpanel.cleanup.max-duration", "PT1H")::get).maxDuration())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aMalformedOrZeroMaxDurationStopsStartUpWithASentenceNamingTheKey() {
        assertThatThrownBy(() -> CleanupSettings.load(Map.of("openpanel.cleanup.max-duration", "soon")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.cleanup.max-duration: 'soon' is not a duration (e.g. 500ms, 10s, 5m, 12h, 14d).");
        assertThatThrownBy(() -> CleanupSettings.load(Map.of("openpanel.cleanup.max-duration", "0s")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.cleanup.max-duration must be longer than 0, got '0s'.");
    }
}
