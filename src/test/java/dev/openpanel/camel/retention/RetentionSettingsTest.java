package dev.openpanel.camel.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.config.InvalidConfigurationException;

class RetentionSettingsTest {

    @Test
    void defaultsAreSevenDaysForSecretsAndThirtyForStateAndZeroMeansForever() {
        assertThat(RetentionSettings.load(key -> null)).isEqualTo(new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30)));
        assertThat(RetentionSettings.load(Map.of("openpanel.secrets.retention", "0", "openpanel.state.retention", "12h")::get))
                .isEqualTo(new RetentionSettings(Duration.ZERO, Duration.ofHours(12)));
        assertThat(RetentionSettings.load(Map.of("openpanel.secrets.retention", "P2D", "openpanel.state.retention", "0d")::get))
                .isEqualTo(new RetentionSettings(Duration.ofDays(2), Duration.ZERO));
    }

    @Test
    void aMalformedOrNegativeValueStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> RetentionSettings.load(Map.of("openpanel.secrets.retention", "a week")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.secrets.retention: 'a week' is not a duration (e.g. 500ms, 10s, 5m, 12h, 14d).");
        assertThatThrownBy(() -> RetentionSettings.load(Map.of("openpanel.state.retention", "-P1D")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.state.retention must not be negative (0 keeps files forever), got '-P1D'.");
    }
}
