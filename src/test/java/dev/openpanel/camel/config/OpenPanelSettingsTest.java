package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.logging.SecretMasker;
import dev.openpanel.camel.provisioning.ProvisioningSettings;

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
        documented.put("openpanel.rate-limit.reserve", "OPENPANEL_RATE_LIMIT_RESERVE");
        documented.put("openpanel.cluster.jdbc-url", "OPENPANEL_CLUSTER_JDBC_URL");
        documented.put("openpanel.cluster.user", "OPENPANEL_CLUSTER_USER");
        documented.put("openpanel.cluster.password", "OPENPANEL_CLUSTER_PASSWORD");
        documented.put("openpanel.cluster.password.file", "OPENPANEL_CLUSTER_PASSWORD_FILE");
        documented.put("openpanel.cluster.instance-id", "OPENPANEL_INSTANCE_ID");
        documented.forEach((key, variable) -> assertThat(EnvironmentOverrides.variableOf(key)).as(key).isEqualTo(variable));
        assertThat(EnvironmentOverrides.DIFFERING).hasSize(4);

        Map<String, String> applied = new HashMap<>();
        EnvironmentOverrides.apply(Map.of("OPENPANEL_EMBEDDED_BROKER_PORT", "61617", "OPENPANEL_DATA_DIR", "/srv/op",
                "UNRELATED", "x")::get, applied::put);
        assertThat(applied).as("the rest is Camel's own environment override").containsExactly(
                Map.entry("openpanel.provisioning.embedded-broker.port", "61617"));
    }

    @Test
    void theCredentialsMayComeFromFilesTrimmedOfTheirTrailingNewline(@TempDir Path temp) throws Exception {
        Path id = Files.writeString(temp.resolve("client-id"), UUID + "\n");
        Path secret = Files.writeString(temp.resolve("client-secret"), "file-secret-5e6f\n");
        Path cluster = Files.writeString(temp.resolve("cluster-password"), "cluster-pw-7a8b\n");
        OpenPanelSettings settings = OpenPanelSettings.load(Map.of("openpanel.api-url", "https://api.openpanel.dev",
                "openpanel.client-id.file", id.toString(), "openpanel.client-secret.file", secret.toString(),
                "openpanel.cluster.password.file", cluster.toString())::get);
        assertThat(settings.clientId()).isEqualTo(UUID);
        assertThat(settings.clientSecret().reveal()).isEqualTo("file-secret-5e6f");
        assertThat(settings.rootCredentials().fromFiles()).isTrue();
        assertThat(settings.rootCredentials().current().secret().reveal()).isEqualTo("file-secret-5e6f");
        assertThat(settings.clusterPassword().get()).isEqualTo("cluster-pw-7a8b");
        assertThat(SecretMasker.mask("file-secret-5e6f cluster-pw-7a8b")).isEqualTo("[secret] [secret]");

        assertThat(load("openpanel.client-secret", "sec_0123456789abcdef0123").rootCredentials().fromFiles()).isFalse();
    }

    @Test
    void aValueAndItsFileTogetherOrAMissingFileStopStartUpWithOneSentenceThatNeverShowsTheContent(@TempDir Path temp)
            throws Exception {
        Path secret = Files.writeString(temp.resolve("client-secret"), "file-secret-never-shown");
        Map<String, String> both = new HashMap<>(Map.of("openpanel.api-url", "https://api.openpanel.dev", "openpanel.client-id", UUID,
                "openpanel.client-secret", "sec_0123456789abcdef0123", "openpanel.client-secret.file", secret.toString()));
        assertThatThrownBy(() -> OpenPanelSettings.load(both::get)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.client-secret (OPENPANEL_CLIENT_SECRET) and openpanel.client-secret.file"
                        + " (OPENPANEL_CLIENT_SECRET_FILE) are both set; set only one of them.");
        Map<String, String> twoIds = new HashMap<>(Map.of("openpanel.client-id", UUID, "openpanel.client-id.file", secret.toString()));
        assertThatThrownBy(() -> OpenPanelSettings.load(twoIds::get)).hasMessageStartingWith(
                "openpanel.client-id (OPENPANEL_CLIENT_ID) and openpanel.client-id.file (OPENPANEL_CLIENT_ID_FILE) are both set");

        Path missing = temp.resolve("missing-secret");
        both.remove("openpanel.client-secret");
        both.put("openpanel.client-secret.file", missing.toString());
        assertThatThrownBy(() -> OpenPanelSettings.load(both::get)).hasMessage("openpanel.client-secret.file"
                + " (OPENPANEL_CLIENT_SECRET_FILE) names " + missing.toAbsolutePath() + ", which does not exist.");

        both.put("openpanel.client-secret.file", secret.toString());
        both.remove("openpanel.client-id");
        both.put("openpanel.client-id.file", secret.toString());
        assertThatThrownBy(() -> OpenPanelSettings.load(both::get)).hasMessageStartingWith(
                "openpanel.client-id.file (OPENPANEL_CLIENT_ID_FILE) must be a UUID in lower case");

        assertThatThrownBy(() -> load("openpanel.cluster.password.file", missing.toString()))
                .hasMessageContaining("openpanel.cluster.password.file (OPENPANEL_CLUSTER_PASSWORD_FILE) names " + missing.toAbsolutePath());
    }

    @Test
    void theBrokerPasswordsMayComeFromFilesAndTheEmbeddedOnesFileVariableIsMapped(@TempDir Path temp) throws Exception {
        Path password = Files.writeString(temp.resolve("broker"), "broker-pw-1c2d\n");
        ProvisioningSettings settings = ProvisioningSettings.load(Map.of("openpanel.provisioning.broker-password.file",
                password.toString(), "openpanel.provisioning.embedded-broker.port", "61617",
                "openpanel.provisioning.embedded-broker.user", "results", "openpanel.provisioning.embedded-broker.password.file",
                password.toString())::get);
        assertThat(settings.brokerPassword().reveal()).isEqualTo("broker-pw-1c2d");
        assertThat(settings.listener().password().reveal()).isEqualTo("broker-pw-1c2d");
        assertThatThrownBy(() -> ProvisioningSettings.load(Map.of("openpanel.provisioning.broker-password", "x",
                "openpanel.provisioning.broker-password.file", password.toString())::get))
                .hasMessage("openpanel.provisioning.broker-password (OPENPANEL_PROVISIONING_BROKER_PASSWORD) and"
                        + " openpanel.provisioning.broker-password.file (OPENPANEL_PROVISIONING_BROKER_PASSWORD_FILE) are both set;"
                        + " set only one of them.");

        Map<String, String> applied = new HashMap<>();
        EnvironmentOverrides.apply(Map.of("OPENPANEL_EMBEDDED_BROKER_PASSWORD_FILE", "/run/secrets/broker")::get, applied::put);
        assertThat(applied).containsExactly(Map.entry("openpanel.provisioning.embedded-broker.password.file", "/run/secrets/broker"));
        assertThat(EnvironmentOverrides.variableOf("openpanel.provisioning.embedded-broker.password.file"))
                .isEqualTo("OPENPANEL_EMBEDDED_BROKER_PASSWORD_FILE");
        assertThat(EnvironmentOverrides.variableOf("openpanel.intake.token.file")).isEqualTo("OPENPANEL_INTAKE_TOKEN_FILE");
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
