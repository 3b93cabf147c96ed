package dev.openpanel.camel.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.component.jms.JmsComponent;

import dev.openpanel.camel.config.ContextConfiguration;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.OpenPanelSettings;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.logging.SecretMasker;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * Registers the {@code jms} component (on the embedded broker, or on {@code openpanel.provisioning.broker-url}) and
 * the beans of {@code routes/provisioning.camel.yaml}. The embedded broker runs in the service only: one-shot
 * commands (triggers off) provision without a queue, so they never contend for the service's broker journal. Cluster
 * mode never uses the embedded broker: without Kafka or an external broker for events, provisioning stays off (the
 * queue route does not start, the intake answers 503) and start-up says so once.
 */
public class ProvisioningConfiguration extends ContextConfiguration {

    /** Registry name of the {@link ProvisioningSettings}. */
    public static final String SETTINGS = "provisioningSettings";
    /** Registry name of the {@link DeploymentEventParser}. */
    public static final String PARSER = "deploymentEventParser";

    /**
     * The setting the queue route starts by ({@code autoStartup}): the triggers' setting, except in cluster mode without
     * a channel for events. Set by {@link #configure}; not a setting of its own.
     */
    public static final String QUEUE_ENABLED = "openpanel.provisioning.queue-enabled";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    private ProvisioningSettings settings;
    private DeploymentEventParser parser;

    /** The settings, read and checked once; the other beans of this class use them directly, not by lookup. */
    @BindToRegistry(SETTINGS)
    public synchronized ProvisioningSettings settings() {
        if (settings == null) {
            settings = ProvisioningSettings.load(properties());
        }
        return settings;
    }

    /** The one event parser the intake and the queue route share. */
    @BindToRegistry(PARSER)
    public synchronized DeploymentEventParser parser() {
        if (parser == null) {
            parser = new DeploymentEventParser(settings().maxEventBytes());
        }
        return parser;
    }

    @BindToRegistry(Provisioning.BEAN)
    public Provisioning provisioning(@BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics) {
        return new Provisioning(parser(), metrics);
    }

    @BindToRegistry(ProvisioningSteps.BEAN)
    public ProvisioningSteps provisioningSteps(@BeanInject(OpenPanelConfiguration.DATA) DataDirectory data,
            @BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics) {
        return new ProvisioningSteps(parser(), () -> OpenPanelConfiguration.manageApi(getCamelContext()), data, metrics);
    }

    @BindToRegistry(EventOffsets.BEAN)
    public EventOffsets eventOffsets() {
        return new EventOffsets();
    }

    @BindToRegistry(EventJournalRepository.BEAN)
    public EventJournalRepository eventJournalRepository() {
        return new EventJournalRepository();
    }

    @BindToRegistry(DeploymentIntake.BEAN)
    public DeploymentIntake deploymentIntake(@BeanInject(OpenPanelConfiguration.INTAKE_TOKEN) BearerToken token,
            @BeanInject(OpenPanelConfiguration.DATA) DataDirectory data,
            @BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics) {
        OpenPanelSettings openpanel = getCamelContext().getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS,
                OpenPanelSettings.class);
        String unavailable = openpanel.isCluster() && !settings().hasClusterChannel() ? ProvisioningSettings.NO_CLUSTER_CHANNEL : null;
        return new DeploymentIntake(getCamelContext(), token, parser(), settings(), records(data), metrics, unavailable);
    }

    @BindToRegistry(DeploymentEventStatus.BEAN)
    public DeploymentEventStatus deploymentEventStatus(@BeanInject(OpenPanelConfiguration.INTAKE_TOKEN) BearerToken token,
            @BeanInject(OpenPanelConfiguration.DATA) DataDirectory data) {
        return new DeploymentEventStatus(token, records(data));
    }

    /** The event journals of the API the component calls, read-only. */
    private EventRecords records(DataDirectory data) {
        return new EventRecords(data.journals(), () -> data.apiState(OpenPanelConfiguration.manageApi(getCamelContext()).client().target().apiUrl())
                .resolve("provisioning"));
    }

    /** The {@code jms} component, on the embedded broker (started with the service) or on the configured one. */
    @Override
    public void configure(CamelContext context) throws Exception {
        ProvisioningSettings settings = settings();
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        boolean triggers = isService();
        OpenPanelSettings openpanel = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS, OpenPanelSettings.class);
        boolean off = openpanel.isCluster() && !settings.hasClusterChannel();
        context.getPropertiesComponent().addOverrideProperty(QUEUE_ENABLED, String.valueOf(triggers && !off));
        if (settings.queue().startsWith("kafka:")) {
            EventOffsets.configure(context, settings.queue());
        }

        ActiveMQConnectionFactory connectionFactory;
        if (off && triggers) {
            LOG.warn("Provisioning is off: {}", ProvisioningSettings.NO_CLUSTER_CHANNEL);
        }
        if (openpanel.isCluster() && settings.embeddedBroker()) {
            // no broker at all (events on Kafka, or provisioning off): jms: endpoints of the routes are created but never
            // connect, since the queue route stays stopped and the intake answers 503 or publishes to Kafka
            connectionFactory = new ActiveMQConnectionFactory("tcp://127.0.0.1:1");
        } else if (settings.embeddedBroker()) {
            boolean sandbox = openpanel.isSandbox();
            EmbeddedBroker broker = new EmbeddedBroker(brokerDirectory(context, data, sandbox),
                    data.state().resolve("openpanel-camel.lock"), settings.listener(), sandbox);
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
        if (triggers && !off) {
            watchQueueDepths(context, new QueueDepths(connectionFactory));
        }
    }

    /**
     * The embedded broker's journal: per API, like the jobs' other state ({@code state/<api>/broker/}). A sandbox's is
     * {@code state/sandbox/broker/}, emptied when the sandbox starts, so a new sandbox (a new, empty simulator) starts
     * with an empty queue instead of replaying an earlier sandbox's messages, and old sandboxes leave no journals
     * behind. A journal of an earlier version, kept for every API in {@code state/broker/}, is moved to the real
     * API's folder the first time, so no queued event is lost.
     */
    private static Path brokerDirectory(CamelContext context, DataDirectory data, boolean sandbox) throws IOException {
        if (sandbox) {
            return data.state().resolve("sandbox").resolve("broker");
        }
        Path directory = data.apiState(OpenPanelConfiguration.manageApi(context).client().target().apiUrl()).resolve("broker");
        Path legacy = data.state().resolve("broker");
        if (Files.isDirectory(legacy) && !Files.exists(directory)) {
            PrivateFiles.createDirectories(directory.getParent());
            Files.move(legacy, directory, StandardCopyOption.ATOMIC_MOVE);
        }
        return directory;
    }

    /** The event queue and its dead-letter queue, when they are JMS queues, as {@code openpanel_queue_depth{queue}}. */
    private static void watchQueueDepths(CamelContext context, QueueDepths depths) {
        OpenPanelMetrics metrics = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class);
        for (String key : List.of("openpanel.provisioning.from", "openpanel.provisioning.dead-letter")) {
            String queue = QueueDepths.queueName(context.getPropertiesComponent().resolveProperty(key).orElse(null));
            if (queue != null) {
                metrics.watchQueue(queue, depths::depth);
            }
        }
    }

}
