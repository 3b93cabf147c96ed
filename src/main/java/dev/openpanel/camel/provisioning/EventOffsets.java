package dev.openpanel.camel.provisioning;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the Kafka offset of an event once its outcome is recorded: its result (or its dead letter) sent, its
 * journal complete. The last step of both ends of the queue route ({@code routes/provisioning.camel.yaml}); nothing
 * for events from a JMS queue, which leave the queue with the route's transaction instead. Kafka's own periodic
 * auto-commit would commit what was polled, processed or not, and with it off camel-kafka commits nothing, so the
 * component commits by hand, synchronously, one record at a time.
 */
public final class EventOffsets {

    /** Registry name of the bean. */
    public static final String BEAN = "eventOffsets";
    /** The consumer group of the instances when the {@code from} URI names none. */
    public static final String DEFAULT_GROUP = "openpanel-camel";

    /** Commits the offset of the exchange's Kafka record, if it has one. */
    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }

    /**
     * Makes the queue route's Kafka endpoint (created here, before the route, which then finds it in the context) commit
     * by hand through {@link #commit}, never by Kafka's auto-commit, in one consumer group ({@value #DEFAULT_GROUP}
     * unless the URI names another), a new group reading the topic from its start (unless the URI says otherwise). Only
     * this endpoint: Kafka routes a user adds keep the component's defaults. (A rewritten URI would not do: an
     * environment variable wins over any property the service sets.)
     */
    static void configure(CamelContext context, String uri) {
        KafkaEndpoint endpoint = context.getEndpoint(uri, KafkaEndpoint.class);
        KafkaConfiguration configuration = endpoint.getConfiguration();
        if (!hasOption(uri, "groupId")) {
            configuration.setGroupId(DEFAULT_GROUP);
        }
        if (!hasOption(uri, "autoOffsetReset")) {
            configuration.setAutoOffsetReset("earliest");
        }
        configuration.setAutoCommitEnable(false);
        configuration.setAllowManualCommit(true);
        endpoint.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
    }

    private static boolean hasOption(String uri, String name) {
        return uri.matches(".*[?&]" + name + "=.*");
    }
}
