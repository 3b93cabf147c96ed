package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.openpanel.camel.testing.TestKafka;

import kafka.testkit.KafkaClusterTestKit;

/**
 * The same provisioning routes reading events from a Kafka topic (a KRaft cluster inside the test JVM): through the
 * HTTP intake, straight onto the topic, and an invalid event dead-lettered.
 */
class KafkaProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;

    private static KafkaClusterTestKit kafka;
    private static ProvisioningFixture fixture;
    private static String topic;

    @BeforeAll
    static void start() throws Exception {
        kafka = TestKafka.start();
        // as the README configures it: the service itself commits offsets by hand, in its consumer group
        topic = "kafka:deployments?brokers=" + kafka.bootstrapServers();
        fixture = new ProvisioningFixture(temp, Map.of("openpanel.provisioning.from", topic));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        kafka.close();
    }

    @Test
    void eventsFromAKafkaTopicAreProvisionedLikeQueuedOnes() throws Exception {
        assertThat(fixture.post(event("kafka-1", "kafka-shop", "https://kafka.example", "Deploy 1", "kafka read")).status())
                .isEqualTo(202);
        JsonNode first = fixture.result("kafka-1", WAIT);
        assertThat(first.at("/project/status").asText()).isEqualTo("created");
        assertThat(first.get("clients").get(0).get("secret").asText()).startsWith("sec_");

        fixture.main.getCamelContext().createProducerTemplate().sendBody(topic,
                event("kafka-2", "kafka-shop", "https://kafka.example", "Deploy 2", "kafka read"));
        JsonNode second = fixture.result("kafka-2", WAIT);
        assertThat(second.at("/project/status").asText()).isEqualTo("unchanged");
        assertThat(second.at("/reference/status").asText()).isEqualTo("created");
        assertThat(fixture.simulator.store().projects()).filteredOn(p -> p.name().equals("kafka-shop")).hasSize(1);
        assertThat(fixture.simulator.store().references()).filteredOn(r -> r.projectId().equals(first.at("/project/id").asText()))
                .hasSize(2);
    }

    @Test
    void anEventsOffsetIsCommittedOnlyOnceItsResultOrDeadLetterIsSent() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            fixture.main.getCamelContext().createProducerTemplate().sendBody(topic,
                    event("kafka-offset-0", "kafka-offsets", "https://kafka-offsets.example", "Deploy 0"));
            fixture.result("kafka-offset-0", WAIT);
            long before = await().atMost(WAIT).until(() -> committed(admin), offset -> offset > 0);

            fixture.simulator.behavior().failures(1.0, 503);
            try {
                int seen = fixture.simulator.requests().size();
                fixture.main.getCamelContext().createProducerTemplate().sendBody(topic,
                        event("kafka-offset-1", "kafka-offsets", "https://kafka-offsets.example", "Deploy 1"));
                // the event is being provisioned (its calls fail and are retried) ...
                await().atMost(WAIT).until(() -> fixture.simulator.requests().size() >= seen + 3);
                // ... and its offset is not committed while it is
                assertThat(committed(admin)).isEqualTo(before);
            } finally {
                fixture.simulator.behavior().reset();
            }
            assertThat(fixture.result("kafka-offset-1", WAIT).at("/reference/status").asText()).isEqualTo("created");
            await().atMost(WAIT).until(() -> committed(admin) == before + 1);

            fixture.main.getCamelContext().createProducerTemplate().sendBody(topic, "{\"eventId\":\"kafka-offset-bad\"}");
            assertThat(fixture.receive("jms:queue:deployments.dlq", WAIT)).isNotNull();
            await().atMost(WAIT).until(() -> committed(admin) == before + 2);
        }
    }

    /** The offset the service's consumer group committed on the topic's partition, 0 when none. */
    private static long committed(Admin admin) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(EventOffsets.DEFAULT_GROUP).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition("deployments", 0));
        return offset == null ? 0 : offset.offset();
    }

    @Test
    void anInvalidEventFromKafkaIsDeadLetteredAndTheTopicGoesOn() throws Exception {
        fixture.main.getCamelContext().createProducerTemplate().sendBody(topic, "{\"eventId\":\"kafka-bad\"}");
        fixture.main.getCamelContext().createProducerTemplate().sendBody(topic,
                event("kafka-3", "kafka-other", "https://kafka-other.example", "Deploy"));

        Exchange dead = fixture.receive("jms:queue:deployments.dlq", WAIT);
        assertThat(dead.getIn().getHeader(Provisioning.FAILURE_REASON, String.class))
                .isEqualTo("invalid deployment event: project: is required");
        assertThat(fixture.result("kafka-3", WAIT).at("/project/status").asText()).isEqualTo("created");
    }
}
