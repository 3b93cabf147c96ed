package dev.openpanel.camel.provisioning;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.logging.SecretMasker;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * Registers the {@code jms} component (on the embedded broker, or on {@code openpanel.provisioning.broker-url}) and
 * the beans of {@code routes/provisioning.camel.yaml}. The embedded broker runs in the service only: one-shot
 * commands (triggers off) provision without a queue, so they never contend for the service's broker journal.
 */
public class ProvisioningConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ProvisioningSettings settings = ProvisioningSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        OpenPanelMetrics metrics = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class);
        BearerToken token = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.INTAKE_TOKEN, BearerToken.class);
        boolean triggers = context.getPropertiesComponent().resolveProperty("openpanel.triggers.enabled")
                .map(Boolean::parseBoolean).orElse(true);

        ActiveMQConnectionFactory connectionFactory;
        if (settings.embeddedBroker()) {
            EmbeddedBroker broker = new EmbeddedBroker(data.state().resolve("broker"), settings.listener());
            if (settings.listener() != null) {
                SecretMasker.remember(settings.listener().password().reveal());
            }
            if (triggers) {
                context.addService(broker, true, true);
            }
            connectionFactory = broker.connectionFactory();
        } else {
            connectionFactory = new ActiveMQConnectionFactory(settings.brokerUrl());
            if (settings.brokerUser() != null) {
                connectionFactory.setUser(settings.brokerUser());
            }
            if (settings.brokerPassword() != null) {
                SecretMasker.remember(settings.brokerPassword().reveal());
                connectionFactory.setPassword(settings.brokerPassword().reveal());
            }
        }
        if (context.hasComponent("jms") == null) {
            context.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        }

        DeploymentEventParser parser = new DeploymentEventParser(settings.maxEventBytes());
        context.getRegistry().bind(Provisioning.BEAN, new Provisioning(parser, metrics));
        context.getRegistry().bind(ProvisioningSteps.BEAN,
                new ProvisioningSteps(parser, () -> OpenPanelConfiguration.manageApi(context), data, metrics));
        context.getRegistry().bind(EventJournalRepository.BEAN, new EventJournalRepository());
        context.getRegistry().bind(DeploymentIntake.BEAN, new DeploymentIntake(context, token, parser, settings));
    }
}
