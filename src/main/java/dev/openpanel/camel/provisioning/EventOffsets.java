package dev.openpanel.camel.provisioning;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
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
     * Makes the {@code kafka} component's consumers commit by hand through {@link #commit}, in one consumer group
     * ({@value #DEFAULT_GROUP} unless the URI names another), reading a new group's topic from its start.
     */
    static void configure(CamelContext context) {
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        KafkaConfiguration defaults = kafka.getConfiguration();
        defaults.setAutoCommitEnable(false);
        defaults.setAllowManualCommit(true);
        if (defaults.getGroupId() == null) {
            defaults.setGroupId(DEFAULT_GROUP);
        }
        defaults.setAutoOffsetReset("earliest");
        kafka.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
    }
}
