package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The queue route's Kafka endpoint: by-hand commits always, a group and a start when the URI names none; any other
 * Kafka endpoint of the context keeps camel-kafka's defaults.
 */
class EventOffsetsTest {

    @Test
    void theQueueEndpointCommitsByHandInTheServicesGroupFromTheStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            String uri = "kafka:deployments?brokers=kafka-1:9092";
            EventOffsets.configure(context, uri);
            KafkaEndpoint queue = context.getEndpoint(uri, KafkaEndpoint.class);
            assertThat(queue.getConfiguration().isAutoCommitEnable()).isFalse();
            assertThat(queue.getConfiguration().isAllowManualCommit()).isTrue();
            assertThat(queue.getKafkaManualCommitFactory()).isInstanceOf(DefaultKafkaManualCommitFactory.class);
            assertThat(queue.getConfiguration().getGroupId()).isEqualTo(EventOffsets.DEFAULT_GROUP);
            assertThat(queue.getConfiguration().getAutoOffsetReset()).isEqualTo("earliest");

            KafkaConfiguration users = context.getEndpoint("kafka:audit?brokers=kafka-1:9092", KafkaEndpoint.class).getConfiguration();
            assertThat(users.isAutoCommitEnable()).as("a user's own Kafka route").isTrue();
            assertThat(users.isAllowManualCommit()).isFalse();
            assertThat(users.getGroupId()).isNull();
        }
    }

    @Test
    void theUsersGroupAndStartStayButCommitsAreAlwaysByHand() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            String uri = "kafka:deployments?groupId=team-a&autoCommitEnable=true&brokers=k:9092&autoOffsetReset=latest";
            EventOffsets.configure(context, uri);
            KafkaConfiguration queue = context.getEndpoint(uri, KafkaEndpoint.class).getConfiguration();
            assertThat(queue.getGroupId()).isEqualTo("team-a");
            assertThat(queue.getAutoOffsetReset()).isEqualTo("latest");
            assertThat(queue.isAutoCommitEnable()).isFalse();
            assertThat(queue.isAllowManualCommit()).isTrue();
        }
    }
}
