package dev.openpanel.camel.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.openpanel.camel.cluster.ClusterSettings;
import dev.openpanel.camel.component.api.RetryPolicy;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.component.model.Secret;

/**
 * The core settings, read once at start-up and checked: a bad value stops start-up with one sentence naming the
 * setting. Sandbox mode is on when {@code openpanel.api-url} is empty.
 *
 * @param apiUrl          the API root, or null in sandbox mode
 * @param clientId        the root client's id (may be null in sandbox mode)
 * @param clientSecret    the root client's secret (may be null in sandbox mode)
 * @param dataDir         the data directory
 * @param rateLimit       the request budget per root client
 * @param retryPolicy     how calls are retried
 * @param connectTimeout  connection timeout
 * @param responseTimeout answer timeout
 * @param httpPort        port of the service's HTTP server
 * @param sandboxPort     port of the simulator in sandbox mode (0 = any)
 * @param healthProbeInterval how often readiness probes the API while it is not known to be up
 * @param rootCredentials the root client's id and secret as they are now (either may come from a file that changes),
 *                        or null when they are not both set (sandbox mode)
 * @param clusterPassword the cluster database's password ({@code openpanel.cluster.password} or its file form), or null
 * @param cluster         the cluster's database and this instance's name in it, or null in single-machine mode (no
 *                        {@code openpanel.cluster.jdbc-url})
 */
public record OpenPanelSettings(String apiUrl, String clientId, Secret clientSecret, Path dataDir,
        RateLimitSettings rateLimit, RetryPolicy retryPolicy, Duration connectTimeout, Duration responseTimeout,
        int httpPort, int sandboxPort, Duration healthProbeInterval, RootCredentials rootCredentials,
        CredentialSetting clusterPassword, ClusterSettings cluster) {

    private static final Pattern LOWER_CASE_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Whether several instances share one budget and one state through PostgreSQL. */
    public boolean isCluster() {
        return cluster != null;
    }

    /** Whether the service runs against the embedded simulator. */
    public boolean isSandbox() {
        return apiUrl == null;
    }

    /** The real API's connection; only outside sandbox mode. */
    public ApiConnection connection() {
        if (isSandbox()) {
            throw new IllegalStateException("sandbox mode has no configured connection");
        }
        return new ApiConnection(apiUrl, clientId, clientSecret);
    }

    /**
     * Reads and checks the settings. The credentials may be given as files ({@code openpanel.client-id.file},
     * {@code OPENPANEL_CLIENT_SECRET_FILE}, ...), which are read here and again whenever they change.
     *
     * @param property looks a key up; returns null or blank when unset
     * @throws InvalidConfigurationException for the first bad setting
     */
    public static OpenPanelSettings load(Function<String, String> property) {
        Reader reader = new Reader(property);
        String apiUrl = checkedApiUrl(reader.text("openpanel.api-url"));
        CredentialSetting idSetting = CredentialSetting.resolve(property, "openpanel.client-id", false);
        CredentialSetting secretSetting = CredentialSetting.resolve(property, "openpanel.client-secret", true);
        CredentialSetting clusterPassword = CredentialSetting.resolve(property, "openpanel.cluster.password", true);
        ClusterSettings cluster = ClusterSettingsLoader.load(property, clusterPassword);
        String clientId = idSetting == null ? null : idSetting.get();
        String secret = secretSetting == null ? null : secretSetting.get();
        if (apiUrl != null) {
            if (clientId == null) {
                throw new InvalidConfigurationException(EnvironmentOverrides.describe("openpanel.client-id")
                        + " is required when openpanel.api-url is set: use the id of a root client of your organisation.");
            }
            if (secret == null) {
                throw new InvalidConfigurationException(EnvironmentOverrides.describe("openpanel.client-secret")
                        + " is required when openpanel.api-url is set.");
            }
        }
        if (clientId != null && !LOWER_CASE_UUID.matcher(clientId).matches()) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe(idSetting.fromFile()
                    ? CredentialSetting.fileKey("openpanel.client-id") : "openpanel.client-id")
                    + " must be a UUID in lower case (e.g. 2f0b3c5e-8d1a-4c7b-9e6f-0a1b2c3d4e5f), got '" + clientId + "'.");
        }
        int requests = reader.positiveInt("openpanel.rate-limit.requests", 20);
        int reserve = reader.integer("openpanel.rate-limit.reserve", 0);
        if (reserve < 0 || reserve >= requests) {
            throw new InvalidConfigurationException(EnvironmentOverrides.describe("openpanel.rate-limit.reserve")
                    + " must be at least 0 and less than openpanel.rate-limit.requests (" + requests + "): it is the part of"
                    + " every window left to other users of the client id, got " + reserve + ".");
        }
        try {
            return new OpenPanelSettings(apiUrl, clientId, secret == null ? null : Secret.of(secret),
                Path.of(reader.text("openpanel.data-dir", "data")),
                new RateLimitSettings(requests,
                        reader.duration("openpanel.rate-limit.period", "10s"),
                        reader.duration("openpanel.rate-limit.margin", "200ms"), reserve),
                new RetryPolicy(reader.nonNegativeInt("openpanel.retry.max-retries", 4),
                        reader.duration("openpanel.retry.backoff", "500ms"),
                        reader.duration("openpanel.retry.max-backoff", "30s"),
                        reader.nonNegativeInt("openpanel.retry.max-rate-limit-waits", 10)),
                reader.duration("openpanel.http-client.connect-timeout", "10s"),
                reader.duration("openpanel.http-client.response-timeout", "30s"),
                reader.port("openpanel.http.port", 8080),
                reader.port("openpanel.sandbox.port", 0),
                reader.duration("openpanel.health.probe-interval", "30s"),
                idSetting == null || secretSetting == null ? null : new RootCredentials(idSetting, secretSetting),
                clusterPassword, cluster);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("openpanel.rate-limit / openpanel.retry: " + e.getMessage() + ".");
        }
    }

    private static String checkedApiUrl(String text) {
        if (text == null) {
            return null;
        }
        String name = EnvironmentOverrides.describe("openpanel.api-url");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(name + " is not a URL: '" + text + "'.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidConfigurationException(name + " must be an https:// URL such as https://api.openpanel.dev, got '"
                    + text + "'.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidConfigurationException(name + " must use https:// for a remote host (plain http:// is allowed"
                    + " only on loopback), got '" + text + "'.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(name + " must be the API root without query or fragment, got '" + text + "'.");
        }
        return text.replaceFirst("/+$", "");
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Reads typed values with defaults, naming the key in every error. */
    private record Reader(Function<String, String> property) {

        String text(String key) {
            String value = property.apply(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String text(String key, String fallback) {
            String value = text(key);
            return value == null ? fallback : value;
        }

        Duration duration(String key, String fallback) {
            try {
                Duration value = Durations.parse(text(key, fallback));
                if (value.isNegative()) {
                    throw new IllegalArgumentException("it must not be negative");
                }
                return value;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key + ": " + e.getMessage() + ".");
            }
        }

        int positiveInt(String key, int fallback) {
            int value = integer(key, fallback);
            if (value < 1) {
                throw new InvalidConfigurationException(key + " must be at least 1, got " + value + ".");
            }
            return value;
        }

        int nonNegativeInt(String key, int fallback) {
            int value = integer(key, fallback);
            if (value < 0) {
                throw new InvalidConfigurationException(key + " must not be negative, got " + value + ".");
            }
            return value;
        }

        int port(String key, int fallback) {
            int value = integer(key, fallback);
            if (value < 0 || value > 65535) {
                throw new InvalidConfigurationException(EnvironmentOverrides.describe(key)
                        + " must be a port between 0 and 65535, got " + value + ".");
            }
            return value;
        }

        int integer(String key, int fallback) {
            String value = text(key);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(EnvironmentOverrides.describe(key) + " must be a whole number, got '"
                        + value + "'.");
            }
        }
    }
}
