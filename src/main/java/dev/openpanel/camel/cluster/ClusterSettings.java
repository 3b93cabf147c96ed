package dev.openpanel.camel.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How this instance joins the cluster: the PostgreSQL database all instances share ({@code openpanel.cluster.jdbc-url},
 * {@code .user}, {@code .password}) and the name it goes by there ({@code openpanel.cluster.instance-id}). Present only
 * in cluster mode; without a JDBC URL there is none and nothing of the cluster is loaded.
 *
 * @param jdbcUrl    a {@code jdbc:postgresql://} URL
 * @param user       the database user, or null to let the URL or the driver decide
 * @param password   the database password (read from the setting or its file), or null; never printed
 * @param instanceId   this instance's name in the shared tables (host name and process id by default)
 * @param claimTimeout how long a claim on a file of a shared inbox lasts without its owner renewing it
 *                     ({@code openpanel.cluster.claim-timeout}): another instance takes over the file of an instance
 *                     that died after this long
 */
public record ClusterSettings(String jdbcUrl, String user, Supplier<String> password, String instanceId, Duration claimTimeout) {

    /** What a cluster JDBC URL starts with. */
    public static final String JDBC_PREFIX = "jdbc:postgresql://";
    /** The default of {@code openpanel.cluster.claim-timeout}. */
    public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofSeconds(30);

    public ClusterSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(claimTimeout, "claimTimeout");
    }

    /** Settings with the default claim timeout. */
    public ClusterSettings(String jdbcUrl, String user, Supplier<String> password, String instanceId) {
        this(jdbcUrl, user, password, instanceId, DEFAULT_CLAIM_TIMEOUT);
    }

    /** The URL without its query (which may carry a password), for logs and health details. */
    public String safeUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** Host name and process id: {@code web-1-4242}. */
    public static String defaultInstanceId(String hostName, long pid) {
        String host = hostName == null || hostName.isBlank() ? "instance" : hostName.trim();
        return host + "-" + pid;
    }

    /** Never shows the password nor the URL's query. */
    @Override
    public String toString() {
        return "ClusterSettings[jdbcUrl=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "[secret]")
                + ", instanceId=" + instanceId + ", claimTimeout=" + claimTimeout + "]";
    }
}
