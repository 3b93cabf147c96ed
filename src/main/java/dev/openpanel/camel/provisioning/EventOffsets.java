package dev.openpanel.camel.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
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
     * The queue route's Kafka endpoint as this bean needs it: commits by hand through {@link #commit}, never Kafka's
     * auto-commit, in one consumer group ({@value #DEFAULT_GROUP} unless the URI names another), a new group reading the
     * topic from its start. Only this endpoint: Kafka routes a user adds keep the component's defaults.
     */
    static String consumerUri(String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("groupId", DEFAULT_GROUP);
        options.put("autoOffsetReset", "earliest");
        StringBuilder effective = new StringBuilder(uri);
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!hasOption(uri, option.getKey())) {
                effective.append(effective.indexOf("?") < 0 ? '?' : '&').append(option.getKey()).append('=').append(option.getValue());
            }
        }
        String withoutCommits = effective.toString().replaceAll("([?&])(autoCommitEnable|allowManualCommit|kafkaManualCommitFactory)=[^&]*", "$1")
                .replaceAll("&&+", "&").replaceAll("\\?&", "?").replaceAll("[?&]$", "");
        return withoutCommits + (withoutCommits.indexOf('?') < 0 ? '?' : '&') + "autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#class:" + DefaultKafkaManualCommitFactory.class.getName();
    }

    private static boolean hasOption(String uri, String name) {
        return uri.matches(".*[?&]" + name + "=.*");
    }
}
