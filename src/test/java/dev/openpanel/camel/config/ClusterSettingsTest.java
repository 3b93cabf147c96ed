package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.cluster.ClusterSettings;

/** Cluster mode is switched on by a JDBC URL, and its settings follow the rules of the other settings. */
class ClusterSettingsTest {

    @Test
    void withoutAJdbcUrlTheServiceStaysInSingleMachineMode() {
        OpenPanelSettings settings = OpenPanelSettings.load(Map.of("openpanel.cluster.user", "openpanel",
                "openpanel.cluster.instance-id", "web-1")::get);
        assertThat(settings.isCluster()).isFalse();
        assertThat(settings.cluster()).isNull();
    }

    @Test
    void aJdbcUrlSwitchesClusterModeOnWithTheUserThePasswordFileAndTheInstanceId(@TempDir Path temp) throws Exception {
        Path password = Files.writeString(temp.resolve("cluster-password"), "cluster-pw-3c4d\n");
        OpenPanelSettings settings = OpenPanelSettings.load(Map.of(
                "openpanel.cluster.jdbc-url", "jdbc:postgresql://db.example.com:5432/openpanel?sslmode=require",
                "openpanel.cluster.user", "openpanel", "openpanel.cluster.password.file", password.toString(),
                "openpanel.cluster.instance-id", "web-1")::get);
        ClusterSettings cluster = settings.cluster();
        assertThat(settings.isCluster()).isTrue();
        assertThat(cluster.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/openpanel?sslmode=require");
        assertThat(cluster.safeUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/openpanel");
        assertThat(cluster.user()).isEqualTo("openpanel");
        assertThat(cluster.password().get()).isEqualTo("cluster-pw-3c4d");
        assertThat(cluster.instanceId()).isEqualTo("web-1");
        assertThat(cluster.toString()).doesNotContain("cluster-pw-3c4d").doesNotContain("sslmode").contains("[secret]");
    }

    @Test
    void theInstanceIdDefaultsToTheHostNameAndProcessId() {
        OpenPanelSettings settings = OpenPanelSettings.load(Map.of("openpanel.cluster.jdbc-url",
                "jdbc:postgresql://127.0.0.1:5432/openpanel")::get);
        assertThat(settings.cluster().instanceId()).endsWith("-" + ProcessHandle.current().pid()).hasSizeGreaterThan(2);
        assertThat(ClusterSettings.defaultInstanceId("web-1", 4242)).isEqualTo("web-1-4242");
        assertThat(ClusterSettings.defaultInstanceId(" ", 4242)).isEqualTo("instance-4242");
    }

    @Test
    void aUrlOfAnotherDatabaseStopsStartUpWithoutShowingItsQuery() {
        assertThatThrownBy(() -> OpenPanelSettings.load(Map.of("openpanel.cluster.jdbc-url",
                "jdbc:mysql://db:3306/openpanel?password=hunter2")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.cluster.jdbc-url (OPENPANEL_CLUSTER_JDBC_URL) must be a PostgreSQL JDBC URL such as"
                        + " jdbc:postgresql://db.example.com:5432/openpanel, got 'jdbc:mysql://db:3306/openpanel?...'.");
    }

    @Test
    void thePasswordAndItsFileTogetherStopStartUp(@TempDir Path temp) throws Exception {
        Path password = Files.writeString(temp.resolve("cluster-password"), "cluster-pw-5e6f");
        Map<String, String> both = new HashMap<>(Map.of("openpanel.cluster.jdbc-url", "jdbc:postgresql://db/openpanel",
                "openpanel.cluster.password", "cluster-pw-5e6f", "openpanel.cluster.password.file", password.toString()));
        assertThatThrownBy(() -> OpenPanelSettings.load(both::get)).hasMessage("openpanel.cluster.password"
                + " (OPENPANEL_CLUSTER_PASSWORD) and openpanel.cluster.password.file (OPENPANEL_CLUSTER_PASSWORD_FILE) are both set;"
                + " set only one of them.");
    }

    @Test
    void theInstanceIdVariableIsMappedToItsKey() {
        Map<String, String> applied = new HashMap<>();
        EnvironmentOverrides.apply(Map.of("OPENPANEL_INSTANCE_ID", "web-2", "OPENPANEL_CLUSTER_JDBC_URL", "jdbc:postgresql://db/x")::get,
                applied::put);
        assertThat(applied).as("the JDBC URL's variable is Camel's own derived name").containsExactly(
                Map.entry("openpanel.cluster.instance-id", "web-2"));
    }
}
