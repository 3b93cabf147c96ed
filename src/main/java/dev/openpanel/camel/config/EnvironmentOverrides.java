package dev.openpanel.camel.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The environment variables that override settings of {@code config/application.properties} (the environment wins
 * over the file), as PRODUCT.md lists them.
 */
public final class EnvironmentOverrides {

    /** Setting key to environment variable. */
    public static final Map<String, String> VARIABLES;

    static {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("openpanel.api-url", "OPENPANEL_API_URL");
        variables.put("openpanel.client-id", "OPENPANEL_CLIENT_ID");
        variables.put("openpanel.client-secret", "OPENPANEL_CLIENT_SECRET");
        variables.put("openpanel.data-dir", "OPENPANEL_DATA_DIR");
        variables.put("openpanel.rate-limit.reserve", "OPENPANEL_RATE_LIMIT_RESERVE");
        variables.put("openpanel.http.port", "OPENPANEL_HTTP_PORT");
        variables.put("openpanel.intake.token", "OPENPANEL_INTAKE_TOKEN");
        variables.put("openpanel.cleanup.rules", "OPENPANEL_CLEANUP_RULES");
        variables.put("openpanel.cleanup.dry-run", "OPENPANEL_CLEANUP_DRY_RUN");
        variables.put("openpanel.provisioning.from", "OPENPANEL_PROVISIONING_FROM");
        variables.put("openpanel.provisioning.results", "OPENPANEL_PROVISIONING_RESULTS");
        variables.put("openpanel.provisioning.dead-letter", "OPENPANEL_PROVISIONING_DEAD_LETTER");
        variables.put("openpanel.provisioning.broker-url", "OPENPANEL_PROVISIONING_BROKER_URL");
        variables.put("openpanel.provisioning.broker-user", "OPENPANEL_PROVISIONING_BROKER_USER");
        variables.put("openpanel.provisioning.broker-password", "OPENPANEL_PROVISIONING_BROKER_PASSWORD");
        variables.put("openpanel.provisioning.embedded-broker.port", "OPENPANEL_EMBEDDED_BROKER_PORT");
        variables.put("openpanel.provisioning.embedded-broker.user", "OPENPANEL_EMBEDDED_BROKER_USER");
        variables.put("openpanel.provisioning.embedded-broker.password", "OPENPANEL_EMBEDDED_BROKER_PASSWORD");
        VARIABLES = Map.copyOf(variables);
    }

    private EnvironmentOverrides() {
    }

    /** Passes every variable that is set in the environment, as (key, value), to the sink. */
    public static void apply(UnaryOperator<String> environment, BiConsumer<String, String> sink) {
        VARIABLES.forEach((key, variable) -> {
            String value = environment.apply(variable);
            if (value != null) {
                sink.accept(key, value);
            }
        });
    }

    /** The variable that overrides a key, for messages: {@code openpanel.client-id (OPENPANEL_CLIENT_ID)}. */
    public static String describe(String key) {
        String variable = VARIABLES.get(key);
        return variable == null ? key : key + " (" + variable + ")";
    }
}
