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
    void everyDocumentedVariableIsCamelsDerivedNameOrMappedAndOnlySetVariablesOverride() {
        Map<String, String> documented = new java.util.LinkedHashMap<>();
        documented.put("openpanel.api-url", "OPENPANEL_API_URL");
        documented.put("openpanel.client-id", "OPENPANEL_CLIENT_ID");
        documented.put("openpanel.client-secret", "OPENPANEL_CLIENT_SECRET");
        documented.put("openpanel.data-dir", "OPENPANEL_DATA_DIR");
        documented.put("openpanel.http.port", "OPENPANEL_HTTP_PORT");
        documented.put("openpanel.intake.token", "OPENPANEL_INTAKE_TOKEN");
        documented.put("openpanel.cleanup.rules", "OPENPANEL_CLEANUP_RULES");
        documented.put("openpanel.cleanup.dry-run", "OPENPANEL_CLEANUP_DRY_RUN");
        documented.put("openpanel.cleanup.cron", "OPENPANEL_CLEANUP_CRON");
        documented.put("openpanel.cleanup.max-deletes", "OPENPANEL_CLEANUP_MAX_DELETES");
        documented.put("openpanel.provisioning.from", "OPENPANEL_PROVISIONING_FROM");
        documented.put("openpanel.provisioning.broker-url", "OPENPANEL_PROVISIONING_BROKER_URL");
        documented.put("openpanel.provisioning.embedded-broker.port", "OPENPANEL_EMBEDDED_BROKER_PORT");
        documented.put("openpanel.provisioning.embedded-broker.password", "OPENPANEL_EMBEDDED_BROKER_PASSWORD");
        documented.put("openpanel.import.concurrency", "OPENPANEL_IMPORT_CONCURRENCY");
        documented.forEach((key, variable) -> assertThat(EnvironmentOverrides.variableOf(key)).as(key).isEqualTo(variable));
        assertThat(EnvironmentOverrides.DIFFERING).hasSize(3);

        Map<String, String> applied = new HashMap<>();
        EnvironmentOverrides.apply(Map.of("OPENPANEL_EMBEDDED_BROKER_PORT", "61617", "OPENPANEL_DATA_DIR", "/srv/op",
                "UNRELATED", "x")::get, applied::put);
        assertThat(applied).as("the rest is Camel's own environment override").containsExactly(
                Map.entry("openpanel.provisioning.embedded-broker.port", "61617"));
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
