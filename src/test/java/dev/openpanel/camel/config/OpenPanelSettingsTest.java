package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpenPanelSettingsTest {

    private static final String UUID = "2f0b3c5e-8d1a-4c7b-9e6f-0a1b2c3d4e5f";

    @Test
    void anEmptyApiUrlMeansSandboxModeWithTheDocumentedDefaults() {
        OpenPanelSettings settings = OpenPanelSettings.load(Map.of("openpanel.api-url", " ")::get);
        assertThat(settings.isSandbox()).isTrue();
        assertThat(settings.rateLimit().requests()).isEqualTo(20);
        assertThat(settings.rateLimit().period()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.rateLimit().margin()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.rateLimit().reserve()).isZero();
        assertThat(settings.rateLimit().budget()).isEqualTo(20);
        assertThat(settings.dataDir().toString()).isEqualTo("data");
        assertThat(settings.httpPort()).isEqualTo(8080);
    }

    @Test
    void aRemoteApiNeedsHttpsAUuidAndASecretAndLoopbackMayUsePlainHttp() {
        Map<String, String> ok = new HashMap<>(Map.of("openpanel.api-url", "https://analytics.example.com/api/",
                "openpanel.client-id", UUID, "openpanel.client-secret", "sec_0123456789abcdef0123"));
        OpenPanelSettings settings = OpenPanelSettings.load(ok::get);
        assertThat(settings.connection().apiUrl()).isEqualTo("https://analytics.example.com/api");
        assertThat(settings.connection().secret().reveal()).isEqualTo("sec_0123456789abcdef0123");
        for (String loopback : new String[] { "http://localhost:3333", "http://127.0.0.1:1/api", "http://[::1]:8080" }) {
            ok.put("openpanel.api-url", loopback);
            assertThat(OpenPanelSettings.load(ok::get).isSandbox()).as(loopback).isFalse();
        }
        ok.put("openpanel.api-url", "http://127.0.0.1.example.com");
        assertThatThrownBy(() -> OpenPanelSettings.load(ok::get)).hasMessageContaining("must use https://");
    }

    @Test
    void eachBadSettingIsNamedInOneSentence() {
        assertThatThrownBy(() -> load("openpanel.api-url", "api.openpanel.dev"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("must be an https:// URL");
        assertThatThrownBy(() -> load("openpanel.client-id", UUID.toUpperCase()))
                .hasMessageContaining("must be a UUID in lower case");
        assertThatThrownBy(() -> load("openpanel.rate-limit.period", "ten seconds"))
                .hasMessage("openpanel.rate-limit.period: 'ten seconds' is not a duration (e.g. 500ms, 10s, 5m, 12h, 14d).");
        assertThatThrownBy(() -> load("openpanel.rate-limit.requests", "0")).hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> load("openpanel.http.port", "http")).hasMessage(
                "openpanel.http.port (OPENPANEL_HTTP_PORT) must be a whole number, got 'http'.");
        assertThatThrownBy(() -> load("openpanel.rate-limit.margin", "11s")).hasMessageContaining("margin");
        assertThatThrownBy(() -> load("openpanel.client-secret", null)).hasMessageContaining("openpanel.client-secret");
    }

    @Test
    void theReserveLeavesPartOfEveryWindowToOthersAndMustLeaveSomeForUs() {
        assertThat(load("openpanel.rate-limit.reserve", "11").rateLimit().budget()).isEqualTo(9);
        assertThatThrownBy(() -> load("openpanel.rate-limit.reserve", "20")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.rate-limit.reserve (OPENPANEL_RATE_LIMIT_RESERVE) must be at least 0 and less than"
                        + " openpanel.rate-limit.requests (20): it is the part of every window left to other users of the"
                        + " client id, got 20.");
        assertThatThrownBy(() -> load("openpanel.rate-limit.reserve", "-1")).hasMessageContaining("got -1.");
        assertThatThrownBy(() -> load("openpanel.rate-limit.reserve", "half")).hasMessage(
                "openpanel.rate-limit.reserve (OPENPANEL_RATE_LIMIT_RESERVE) must be a whole number, got 'half'.");
    }

    @Test
    void theEnvironmentTableCoversEveryDocumentedVariableAndOnlySetVariablesOverride() {
        assertThat(EnvironmentOverrides.VARIABLES.values()).containsExactlyInAnyOrder("OPENPANEL_API_URL", "OPENPANEL_CLIENT_ID",
                "OPENPANEL_CLIENT_SECRET", "OPENPANEL_DATA_DIR", "OPENPANEL_RATE_LIMIT_RESERVE", "OPENPANEL_HTTP_PORT", "OPENPANEL_INTAKE_TOKEN",
                "OPENPANEL_CLEANUP_RULES", "OPENPANEL_CLEANUP_DRY_RUN", "OPENPANEL_PROVISIONING_FROM",
                "OPENPANEL_PROVISIONING_RESULTS", "OPENPANEL_PROVISIONING_DEAD_LETTER", "OPENPANEL_PROVISIONING_BROKER_URL",
                "OPENPANEL_PROVISIONING_BROKER_USER", "OPENPANEL_PROVISIONING_BROKER_PASSWORD", "OPENPANEL_EMBEDDED_BROKER_PORT",
                "OPENPANEL_EMBEDDED_BROKER_USER", "OPENPANEL_EMBEDDED_BROKER_PASSWORD");
        Map<String, String> applied = new HashMap<>();
        EnvironmentOverrides.apply(Map.of("OPENPANEL_DATA_DIR", "/srv/op", "UNRELATED", "x")::get, applied::put);
        assertThat(applied).containsExactly(Map.entry("openpanel.data-dir", "/srv/op"));
    }

    @Test
    void durationsAcceptTheUsualUnitsAndIso() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("14d")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    private static OpenPanelSettings load(String key, String value) {
        Map<String, String> values = new HashMap<>(Map.of("openpanel.api-url", "https://api.openpanel.dev",
                "openpanel.client-id", UUID, "openpanel.client-secret", "sec_0123456789abcdef0123"));
        values.put(key, value);
        return OpenPanelSettings.load(values::get);
    }
}
