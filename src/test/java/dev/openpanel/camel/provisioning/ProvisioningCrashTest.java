package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/**
 * The service, a separate JVM, is killed with SIGKILL while an event is half provisioned, right after a client create
 * reached the API but before its answer came back, then restarted: the event resumes from the broker's journal,
 * nothing is created twice, the result is published once, and every secret that could be kept is delivered.
 */
class ProvisioningCrashTest {

    private static final Pattern STARTED = Pattern.compile("openpanel-camel\\) started in");
    private static final String TOKEN = "crash-token";
    private static final int CLIENTS = 12;

    @TempDir
    Path temp;

    @Test
    void aServiceKilledMidEventResumesItWithoutDuplicatesAndPublishesOneResult() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Path dir = ServiceProcess.workingDirectory(temp);
            ServiceProcess.configure(dir, Map.of("openpanel.rate-limit.requests", "50", "openpanel.rate-limit.period", "1s",
                    "openpanel.provisioning.retry-delay", "100"));
            int port = TestMains.freePort();
            Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
            environment.put("OPENPANEL_INTAKE_TOKEN", TOKEN);
            environment.put("OPENPANEL_HTTP_PORT", String.valueOf(port));
            simulator.behavior().latency(Duration.ofMillis(60));

            try (ServiceProcess first = ServiceProcess.start(dir, environment)) {
                first.awaitOutput(STARTED, Duration.ofSeconds(60));
                RawHttp.Answer accepted = RawHttp.bearer("http://127.0.0.1:" + port, TOKEN).post("/events/deployment", event());
                assertThat(accepted.status()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(30)).until(() -> clients(simulator).size() >= 4);
                int postsSoFar = simulator.received("POST");
                simulator.behavior().latency(Duration.ofMillis(1500));
                await().atMost(Duration.ofSeconds(30)).until(() -> simulator.received("POST") > postsSoFar);
                first.kill();
            }
            simulator.behavior().latency(Duration.ZERO);
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.received("POST") == simulator.requests().stream()
                    .filter(r -> r.method().equals("POST")).count());
            int createdBeforeRestart = clients(simulator).size();
            assertThat(createdBeforeRestart).isBetween(5, CLIENTS - 1);

            try (ServiceProcess second = ServiceProcess.start(dir, environment, "run")) {
                second.awaitOutput(Pattern.compile("Event crash-1 provisioned"), Duration.ofSeconds(60));
                second.stop();
            }

            assertThat(simulator.store().projects()).filteredOn(p -> p.name().equals("crash-shop")).hasSize(1);
            List<SimClient> made = clients(simulator);
            assertThat(made).extracting(SimClient::name).as("no client was created twice").doesNotHaveDuplicates().hasSize(CLIENTS);

            Path brokerJournal;
            try (java.util.stream.Stream<Path> apis = Files.list(dir.resolve("data/state"))) {
                brokerJournal = apis.map(api -> api.resolve("broker")).filter(Files::isDirectory).findFirst().orElseThrow();
            }
            List<String> results = drain(brokerJournal, "deployments.results");
            assertThat(results).as("the result is published once").hasSize(1);
            assertThat(drain(brokerJournal, "deployments")).as("the event left the queue").isEmpty();
            assertThat(drain(brokerJournal, "deployments.dlq")).isEmpty();

            JsonNode result = new ObjectMapper().readTree(results.get(0));
            List<String> withSecret = new ArrayList<>();
            List<String> toRotate = new ArrayList<>();
            for (JsonNode client : result.get("clients")) {
                assertThat(client.get("status").asText()).isEqualTo("created");
                if (client.has("secret")) {
                    withSecret.add(client.get("id").asText());
                    RawHttp.Answer asClient = new RawHttp(simulator.url(), client.get("id").asText(), client.get("secret").asText())
                            .get("/manage/projects");
                    assertThat(asClient.json().get("message").asText()).isEqualTo("Manage: Only root clients are allowed to manage resources");
                } else {
                    assertThat(client.get("message").asText()).endsWith("rotate client " + client.get("id").asText());
                    toRotate.add(client.get("id").asText());
                }
            }
            assertThat(toRotate).as("the create killed in flight lost its secret and says so").hasSize(1);
            assertThat(withSecret).hasSize(CLIENTS - 1);
            List<String> secretLines = Files.readAllLines(Path.of(result.get("secretsFile").asText()));
            assertThat(secretLines).hasSize(1 + 1 + CLIENTS - 1);
            assertThat(result.at("/project/firstClient/secret").asText()).startsWith("sec_");
        }
    }

    private static List<SimClient> clients(ManageApiSimulator simulator) {
        return simulator.store().clients().stream().filter(c -> c.name().startsWith("crash reader ")).toList();
    }

    private static String event() {
        StringBuilder clients = new StringBuilder();
        for (int i = 1; i <= CLIENTS; i++) {
            clients.append(i == 1 ? "" : ",").append("{\"name\":\"crash reader ").append(i).append("\",\"type\":\"read\"}");
        }
        return "{\"eventId\":\"crash-1\",\"project\":{\"name\":\"crash-shop\",\"domain\":\"https://crash.example\"},"
                + "\"clients\":[" + clients + "],\"reference\":{\"title\":\"Deploy\",\"datetime\":\"2026-11-22\"}}";
    }

    /** Every message left on a queue of the (stopped) service's broker journal, consumed. */
    private static List<String> drain(Path journal, String queue) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(journal);
        broker.start();
        List<String> bodies = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message;
            while ((message = consumer.receive(500)) != null) {
                bodies.add(((TextMessage) message).getText());
            }
        } finally {
            broker.stop();
        }
        return bodies;
    }
}
