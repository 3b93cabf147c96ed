package dev.openpanel.camel.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Which environment variable sets which key. Camel's properties component already lets the environment override every
 * key under the name it derives from it (upper case, {@code .} and {@code -} become {@code _}: {@code
 * openpanel.import.concurrency} is {@code OPENPANEL_IMPORT_CONCURRENCY}), so only the documented names that differ
 * from that rule are mapped here.
 */
public final class EnvironmentOverrides {

    /** Keys whose documented variable is not the one Camel derives, to that variable. */
    public static final Map<String, String> DIFFERING = Map.of(
            "openpanel.provisioning.embedded-broker.port", "OPENPANEL_EMBEDDED_BROKER_PORT",
            "openpanel.provisioning.embedded-broker.user", "OPENPANEL_EMBEDDED_BROKER_USER",
            "openpanel.provisioning.embedded-broker.password", "OPENPANEL_EMBEDDED_BROKER_PASSWORD");

    private EnvironmentOverrides() {
    }

    /** Passes every differing variable that is set in the environment, as (key, value), to the sink. */
    public static void apply(UnaryOperator<String> environment, BiConsumer<String, String> sink) {
        DIFFERING.forEach((key, variable) -> {
            String value = environment.apply(variable);
            if (value != null) {
                sink.accept(key, value);
            }
        });
    }

    /** The variable that sets a key: the documented one where it differs, else the one Camel derives. */
    public static String variableOf(String key) {
        String differing = DIFFERING.get(key);
        return differing != null ? differing : key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The key with its variable, for messages: {@code openpanel.client-id (OPENPANEL_CLIENT_ID)}. */
    public static String describe(String key) {
        return key + " (" + variableOf(key) + ")";
    }
}
