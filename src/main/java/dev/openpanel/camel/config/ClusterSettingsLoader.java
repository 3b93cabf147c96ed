package dev.openpanel.camel.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;

import dev.openpanel.camel.cluster.ClusterSettings;

/**
 * Reads the cluster settings: cluster mode is on when {@code openpanel.cluster.jdbc-url} is set, and then the URL must be
 * a PostgreSQL JDBC URL. The password ({@code openpanel.cluster.password} or its file form) is read by the caller, since
 * it is checked even when cluster mode is off.
 */
final class ClusterSettingsLoader {

    static final String JDBC_URL = "openpanel.cluster.jdbc-url";
    static final String USER = "openpanel.cluster.user";
    static final String INSTANCE_ID = "openpanel.cluster.instance-id";
    static final String CLAIM_TIMEOUT = "openpanel.cluster.claim-timeout";
    /** Quartz's job store records a tick it fires as the instance id and a 13-digit counter, in 95 characters. */
    private static final int MAX_INSTANCE_ID = 80;

    private ClusterSettingsLoader() {
    }

    /** The cluster settings, or null in single-machine mode (no JDBC URL). */
    static ClusterSettings load(Function<String, String> property, CredentialSetting password) {
        String url = SettingValues.text(property, JDBC_URL, null);
        if (url == null) {
            return null;
        }
        if (!url.startsWith(ClusterSettings.JDBC_PREFIX)) {
            String shown = url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?')) + "?...";
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(JDBC_URL) + " must be a PostgreSQL JDBC URL such"
                    + " as jdbc:postgresql://db.example.com:5432/openpanel, got '" + shown + "'.");
        }
        String instanceId = SettingValues.text(property, INSTANCE_ID, null);
        if (instanceId == null) {
            instanceId = ClusterSettings.defaultInstanceId(hostName(), ProcessHandle.current().pid());
        } else if (instanceId.length() > MAX_INSTANCE_ID) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(INSTANCE_ID) + " must be at most "
                    + MAX_INSTANCE_ID + " characters long, got " + instanceId.length() + ".");
        }
        Duration claimTimeout = SettingValues.duration(property, CLAIM_TIMEOUT, "30s");
        if (claimTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(CLAIM_TIMEOUT) + " must be at least 1s, got "
                    + property.apply(CLAIM_TIMEOUT) + ".");
        }
        return new ClusterSettings(url, SettingValues.text(property, USER, null), password, instanceId, claimTimeout);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
