package dev.openpanel.camel.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Which environment variable sets which key. Camel's properties component already lets the environment override every
 * key under the name it derives from it (upper case, {@code .} and {@code -} become {@code _}: {@code
 * openpanel.import.concurrency} is {@code OPENPANEL_IMPORT_CONCURRENCY}), so only the documented names that differ
 * from that rule are mapped here, each with its {@code _FILE} form ({@code OPENPANEL_EMBEDDED_BROKER_PASSWORD_FILE} sets
 * {@code openpanel.provisioning.embedded-broker.password.file}).
 */
public final class EnvironmentOverrides {

    /** Keys whose documented variable is not the one Camel derives, to that variable. */
    public static final Map<String, String> DIFFERING = Map.of(
            "openpanel.provisioning.embedded-broker.port", "OPENPANEL_EMBEDDED_BROKER_PORT",
            "openpanel.provisioning.embedded-broker.user", "OPENPANEL_EMBEDDED_BROKER_USER",
            "openpanel.provisioning.embedded-broker.password", "OPENPANEL_EMBEDDED_BROKER_PASSWORD",
            "openpanel.cluster.instance-id", "OPENPANEL_INSTANCE_ID");

    private static final String FILE_VARIABLE_SUFFIX = "_FILE";

    private EnvironmentOverrides() {
    }

    /** Passes every differing variable (or its {@code _FILE} form) set in the environment, as (key, value), to the sink. */
    public static void apply(UnaryOperator<String> environment, BiConsumer<String, String> sink) {
        DIFFERING.forEach((key, variable) -> {
            String value = environment.apply(variable);
            if (value != null) {
                sink.accept(key, value);
            }
            String file = environment.apply(variable + FILE_VARIABLE_SUFFIX);
            if (file != null) {
                sink.accept(key + CredentialSetting.FILE_SUFFIX, file);
            }
        });
    }

    /** The variable that sets a key: the documented one where it differs (and its {@code _FILE} form), else Camel's. */
    public static String variableOf(String key) {
        String differing = DIFFERING.get(key);
        if (differing == null && key.endsWith(CredentialSetting.FILE_SUFFIX)) {
            String base = DIFFERING.get(key.substring(0, key.length() - CredentialSetting.FILE_SUFFIX.length()));
            differing = base == null ? null : base + FILE_VARIABLE_SUFFIX;
        }
        return differing != null ? differing : key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The key with its variable, for messages: {@code openpanel.client-id (OPENPANEL_CLIENT_ID)}. */
    public static String describe(String key) {
        return key + " (" + variableOf(key) + ")";
    }
}
