package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The options the queue route's Kafka endpoint gets: by-hand commits always, a group and a start when none is named. */
class EventOffsetsTest {

    private static final String COMMITS = "autoCommitEnable=false&allowManualCommit=true"
            + "&kafkaManualCommitFactory=#class:org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory";

    @Test
    void aPlainTopicGetsTheGroupTheStartAndCommitsByHand() {
        assertThat(EventOffsets.consumerUri("kafka:deployments?brokers=kafka-1:9092"))
                .isEqualTo("kafka:deployments?brokers=kafka-1:9092&groupId=openpanel-camel&autoOffsetReset=earliest&" + COMMITS);
        assertThat(EventOffsets.consumerUri("kafka:deployments"))
                .isEqualTo("kafka:deployments?groupId=openpanel-camel&autoOffsetReset=earliest&" + COMMITS);
    }

    @Test
    void theUsersGroupAndStartStayButCommitsAreAlwaysByHand() {
        assertThat(EventOffsets.consumerUri("kafka:deployments?groupId=team-a&autoCommitEnable=true&brokers=k:9092&autoOffsetReset=latest"))
                .isEqualTo("kafka:deployments?groupId=team-a&brokers=k:9092&autoOffsetReset=latest&" + COMMITS);
        assertThat(EventOffsets.consumerUri("kafka:deployments?brokers=k:9092&allowManualCommit=false"))
                .isEqualTo("kafka:deployments?brokers=k:9092&groupId=openpanel-camel&autoOffsetReset=earliest&" + COMMITS);
    }
}
