package dev.openpanel.camel.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.cleanup.CleanupRuns;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.LogCapture;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/**
 * Every job of the service, with every logger at DEBUG (Camel, the broker and HttpClient included): a clients import
 * that creates secrets, a deployment event through the intake and the queue whose result carries secrets, a cleanup
 * that deletes a client, and a refused secret. No secret, plain or hashed, of any client appears in the log.
 */
class EveryJobLogsNoSecretTest {

    private static final Pattern SECRET = Pattern.compile("sec_[0-9a-f]{20,}");

    @TempDir
    Path temp;

    @Test
    void noJobLogsASecret() throws Exception {
        List<String> secrets = new ArrayList<>();
        String log;
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
                LogCapture capture = LogCapture.at(Level.DEBUG)) {
            secrets.add(simulator.rootClient().secret());
            Path data = temp.resolve("data");
            Path rules = temp.resolve("cleanup.yaml");
            Files.writeString(rules, "rules:\n  - name: temp clients\n    resource: clients\n    where: { name: \"^temp-\" }\n");
            int port = TestMains.freePort();
            Map<String, String> properties = TestMains.simulatorProperties(simulator, data);
            properties.put("openpanel.http.port", String.valueOf(port));
            properties.put("openpanel.intake.token", "no-secret-token");
            properties.put("openpanel.import.read-lock-check-interval", "100");
            properties.put("openpanel.cleanup.rules", rules.toString());
            properties.put("openpanel.cleanup.cron", "0 0 3 1 1 ? 2099");
            Main main = TestMains.start(properties);
            try {
                String project = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Quiet Shop", Instant.now());
                Path inbox = data.resolve("inbox/clients");
                Files.writeString(inbox.resolve(".quiet.csv.part"), "name,projectId,type\nquiet reader," + project
                        + ",read\nquiet writer," + project + ",write\ntemp-one," + project + ",write\n");
                Files.move(inbox.resolve(".quiet.csv.part"), inbox.resolve("quiet.csv"));
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".done/quiet.csv")));

                RawHttp.Answer queued = RawHttp.bearer("http://127.0.0.1:" + port, "no-secret-token").post("/events/deployment",
                        "{\"eventId\":\"quiet-1\",\"project\":{\"name\":\"quiet-shop\"},\"clients\":[{\"name\":\"quiet dash\",\"type\":\"read\"}]}");
                assertThat(queued.status()).isEqualTo(202);
                ConsumerTemplate consumer = main.getCamelContext().createConsumerTemplate();
                String result = consumer.receiveBody("jms:queue:deployments.results", 20_000, String.class);
                assertThat(result).as("the result message carries the secrets").containsPattern(SECRET);

                main.getCamelContext().createProducerTemplate().requestBodyAndHeader("direct:cleanup-run", null, CleanupRuns.APPLY, true);
                assertThat(simulator.store().clients()).noneMatch(c -> c.name().equals("temp-one"));
            } finally {
                main.stop();
            }
            secrets.addAll(secretsIn(data.resolve("secrets")));
            simulator.store().clients().stream().map(SimClient::secretHash).forEach(secrets::add);
            log = capture.text();
        }

        assertThat(log).as("the capture saw every job").contains("quiet.csv row 1").contains("Event quiet-1 provisioned")
                .contains("Cleanup deleted client");
        assertThat(secrets).as("root, 3 imported, a project's first client and 1 provisioned, and the hashes of those not deleted")
                .hasSizeGreaterThanOrEqualTo(6 + 5);
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(log).doesNotContainPattern(SECRET.pattern());
    }

    private static List<String> secretsIn(Path directory) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Matcher matcher = SECRET.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(matcher.group());
                }
            }
        }
        return found;
    }
}
