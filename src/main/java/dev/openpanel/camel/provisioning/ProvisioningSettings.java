package dev.openpanel.camel.provisioning;

import java.util.function.Function;

import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.config.SettingValues;

/**
 * The provisioning settings ({@code openpanel.provisioning.*}) read in Java; the channels themselves
 * ({@code from}, {@code results}, {@code dead-letter}) are endpoint URIs used by {@code routes/provisioning.camel.yaml}.
 *
 * @param queue          the channel events are read from, which the HTTP intake writes to
 * @param brokerUrl      an external JMS broker (Artemis/ActiveMQ URL) for the {@code jms} component; null = the
 *                       embedded broker
 * @param brokerUser     the external broker's user, or null
 * @param brokerPassword the external broker's password, or null
 * @param maxEventBytes  the largest event accepted
 */
public record ProvisioningSettings(String queue, String brokerUrl, String brokerUser, Secret brokerPassword, int maxEventBytes) {

    /** Whether the {@code jms} component uses the embedded broker. */
    public boolean embeddedBroker() {
        return brokerUrl == null;
    }

    public static ProvisioningSettings load(Function<String, String> property) {
        String password = SettingValues.text(property, "openpanel.provisioning.broker-password", null);
        return new ProvisioningSettings(SettingValues.text(property, "openpanel.provisioning.from", "jms:queue:deployments?transacted=true"),
                SettingValues.text(property, "openpanel.provisioning.broker-url", null),
                SettingValues.text(property, "openpanel.provisioning.broker-user", null),
                password == null ? null : Secret.of(password),
                SettingValues.wholeNumber(property, "openpanel.provisioning.max-event-size", "65536", 1024, "a number of bytes"));
    }
}
