package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.provisioning.EmbeddedBroker;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.LogCapture;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * Cluster mode never uses the embedded broker: without Kafka or an external broker for events the queue route stays
 * stopped, the intake answers 503 saying what to configure, start-up says so once, and the other jobs run; reading
 * events from Kafka while results would still go to the embedded broker is a configuration error.
 */
@Timeout(120)
class ClusterProvisioningTest {

    @TempDir
    Path temp;

    @Test
    void withoutAChannelForEventsProvisioningIsOffTheIntakeAnswers503AndNoBrokerStarts() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
                LogCapture log = LogCapture.at(Level.INFO)) {
            int port = TestMains.freePort();
            Map<String, String> properties = cluster(TestMains.simulatorProperties(simulator, temp.resolve("data")), postgres);
            properties.put("openpanel.intake.token", "cluster-token");
            properties.put("openpanel.http.port", String.valueOf(port));
            properties.put("camel.server.host", "127.0.0.1");
            Main main = TestMains.start(properties);
            try {
                assertThat(main.getCamelContext().getRouteController().getRouteStatus("provisioning-queue")).isNotEqualTo(ServiceStatus.Started);
                assertThat(main.getCamelContext().getRouteController().getRouteStatus("import-projects-inbox"))
                        .as("imports still run").isEqualTo(ServiceStatus.Started);
                assertThat(main.getCamelContext().hasServices(EmbeddedBroker.class)).isEmpty();
                RawHttp.Answer answer = RawHttp.bearer("http://127.0.0.1:" + port, "cluster-token")
                        .post("/events/deployment", "{\"eventId\":\"cluster-1\",\"project\":{\"name\":\"cluster-shop\"}}");
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.json().get("message").asText()).contains("cluster mode never uses the embedded broker")
                        .contains("openpanel.provisioning.from").contains("openpanel.provisioning.broker-url");
                assertThat(RawHttp.bearer("http://127.0.0.1:" + port, "wrong").post("/events/deployment", "{}").status())
                        .as("the token is still checked first").isEqualTo(401);
            } finally {
                main.stop();
            }
            assertThat(log.text().lines().filter(line -> line.contains("Provisioning is off:"))).hasSize(1);
            try (var files = Files.walk(temp.resolve("data"))) {
                assertThat(files.filter(f -> f.getFileName().toString().equals("broker"))).as("no broker journal").isEmpty();
            }
        }
    }

    @Test
    void eventsFromKafkaWithResultsOnTheEmbeddedBrokerIsAConfigurationError() {
        TestPostgres postgres = TestPostgres.shared();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Map<String, String> properties = cluster(TestMains.simulatorProperties(simulator, temp.resolve("data")), postgres);
            properties.put("openpanel.provisioning.from", "kafka:deployments?brokers=127.0.0.1:1");
            assertThatThrownBy(() -> TestMains.start(properties)).satisfies(failure -> assertThat(
                    OpenPanelErrors.find(failure, InvalidConfigurationException.class)).hasMessageContaining(
                    "In cluster mode openpanel.provisioning.results (OPENPANEL_PROVISIONING_RESULTS) is jms:queue:deployments.results, "
                    + "which would use the embedded broker"));
        }
    }

    @Test
    void withEventsResultsAndDeadLettersOnKafkaTheQueueRouteRunsWithoutAnyJmsBroker() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Map<String, String> properties = cluster(TestMains.simulatorProperties(simulator, temp.resolve("data")), postgres);
            properties.put("camel.server.host", "127.0.0.1");
            properties.put("openpanel.provisioning.from", "kafka:deployments?brokers=127.0.0.1:1&groupId=openpanel");
            properties.put("openpanel.provisioning.results", "kafka:deployments.results?brokers=127.0.0.1:1");
            properties.put("openpanel.provisioning.dead-letter", "kafka:deployments.dlq?brokers=127.0.0.1:1");
            Main main = TestMains.start(properties);
            try {
                assertThat(main.getCamelContext().getRouteController().getRouteStatus("provisioning-queue")).isEqualTo(ServiceStatus.Started);
                assertThat(main.getCamelContext().hasServices(EmbeddedBroker.class)).isEmpty();
            } finally {
                main.stop();
            }
        }
    }

    private static Map<String, String> cluster(Map<String, String> properties, TestPostgres postgres) {
        properties.put("openpanel.cluster.jdbc-url", postgres.newDatabase());
        properties.put("openpanel.cluster.user", postgres.user());
        properties.put("openpanel.cluster.password", postgres.password());
        return properties;
    }
}
