package dev.openpanel.camel.provisioning;

import java.util.function.Function;

import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.config.CredentialSetting;
import dev.openpanel.camel.config.EnvironmentOverrides;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.SettingValues;

/**
 * The provisioning settings ({@code openpanel.provisioning.*}) read in Java; the channels themselves
 * ({@code from}, {@code results}, {@code dead-letter}) are endpoint URIs used by {@code routes/provisioning.camel.yaml}.
 *
 * @param queue          the channel events are read from, which the HTTP intake writes to
 * @param results        the channel results go to
 * @param deadLetter     the channel dead-lettered events go to
 * @param brokerUrl      an external JMS broker (Artemis/ActiveMQ URL) for the {@code jms} component; null = the
 *                       embedded broker
 * @param brokerUser     the external broker's user, or null
 * @param brokerPassword the external broker's password, or null
 * @param maxEventBytes  the largest event accepted
 * @param listener       where the embedded broker also listens for other programs (results for pipelines), or null
 */
public record ProvisioningSettings(String queue, String results, String deadLetter, String brokerUrl, String brokerUser,
        Secret brokerPassword, int maxEventBytes, Listener listener) {

    /** What the intake answers (503) and start-up says when cluster mode has no channel for events. */
    static final String NO_CLUSTER_CHANNEL = "cluster mode never uses the embedded broker, and no other channel for deployment "
            + "events is configured: set openpanel.provisioning.from (and .results, .dead-letter) to Kafka topics "
            + "(kafka:...), or openpanel.provisioning.broker-url to an external JMS broker; until then events are not accepted";

    /** A TCP port of the embedded broker, for programs outside the service; only this user may connect. */
    public record Listener(String host, int port, String user, Secret password) {
    }

    /** Whether the {@code jms} component uses the embedded broker. */
    public boolean embeddedBroker() {
        return brokerUrl == null;
    }

    /**
     * In cluster mode, where the embedded broker is never used: whether events have a channel (Kafka, or an external
     * broker). Without one, provisioning stays off; a configuration that reads events from Kafka but still sends
     * results or dead letters to the embedded broker is refused.
     *
     * @throws InvalidConfigurationException naming the channel that needs a broker
     */
    public boolean hasClusterChannel() {
        if (!embeddedBroker()) {
            return true;
        }
        if (isJms(queue)) {
            return false;
        }
        for (String[] channel : new String[][] { { "openpanel.provisioning.results", results }, { "openpanel.provisioning.dead-letter", deadLetter } }) {
            if (isJms(channel[1])) {
                throw new InvalidConfigurationException("In cluster mode " + EnvironmentOverrides.describe(channel[0]) + " is " + channel[1]
                        + ", which would use the embedded broker, and cluster mode never uses it: make it a Kafka topic like "
                        + "openpanel.provisioning.from, or set openpanel.provisioning.broker-url to an external JMS broker.");
            }
        }
        return true;
    }

    private static boolean isJms(String uri) {
        return uri != null && uri.startsWith("jms:");
    }

    public static ProvisioningSettings load(Function<String, String> property) {
        String password = credential(property, "openpanel.provisioning.broker-password");
        return new ProvisioningSettings(SettingValues.text(property, "openpanel.provisioning.from", "jms:queue:deployments?transacted=true"),
                SettingValues.text(property, "openpanel.provisioning.results", "jms:queue:deployments.results"),
                SettingValues.text(property, "openpanel.provisioning.dead-letter", "jms:queue:deployments.dlq"),
                SettingValues.text(property, "openpanel.provisioning.broker-url", null),
                SettingValues.text(property, "openpanel.provisioning.broker-user", null),
                password == null ? null : Secret.of(password),
                SettingValues.wholeNumber(property, "openpanel.provisioning.max-event-size", "65536", 1024, "a number of bytes"),
                listener(property));
    }

    /** A password given as its value or as a file ({@code <key>.file}); read once, at start-up. */
    private static String credential(Function<String, String> property, String key) {
        CredentialSetting setting = CredentialSetting.resolve(property, key, true);
        return setting == null ? null : setting.get();
    }

    private static Listener listener(Function<String, String> property) {
        String prefix = "openpanel.provisioning.embedded-broker.";
        if (SettingValues.text(property, prefix + "port", null) == null) {
            return null;
        }
        int port = SettingValues.wholeNumber(property, prefix + "port", null, 1, "a port number");
        String user = SettingValues.text(property, prefix + "user", null);
        String password = credential(property, prefix + "password");
        if (user == null || password == null) {
            throw new InvalidConfigurationException(prefix + "port is set, so " + EnvironmentOverrides.describe(prefix + "user")
                    + " and " + EnvironmentOverrides.describe(prefix + "password")
                    + " must be set too: result messages carry client secrets, and only that user may read them.");
        }
        return new Listener(SettingValues.text(property, prefix + "host", "127.0.0.1"), port, user, Secret.of(password));
    }
}
