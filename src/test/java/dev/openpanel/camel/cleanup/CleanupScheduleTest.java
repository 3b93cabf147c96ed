package dev.openpanel.camel.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** The Quartz schedule starts runs on its own, with real Quartz; without a token the on-demand endpoint is off. */
class CleanupScheduleTest {

    @TempDir
    Path temp;

    @Test
    void aShortCronFiresRunsThatWriteReportsAndOnDemandIsDisabledWithoutAToken() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "ci-temp-scheduled", "write", null,
                    Instant.now().minus(Duration.ofDays(3)));
            Path rules = temp.resolve("rules.yaml");
            Files.writeString(rules, "rules:\n  - name: scheduled\n    resource: clients\n"
                    + "    where: { name: \"^ci-temp-\", type: write, olderThan: 1d }\n");
            int port = TestMains.freePort();
            Main main = TestMains.start(Map.of(
                    "openpanel.api-url", simulator.url(),
                    "openpanel.client-id", simulator.rootClient().id(),
                    "openpanel.client-secret", simulator.rootClient().secret(),
                    "openpanel.data-dir", temp.resolve("data").toString(),
                    "openpanel.cleanup.rules", rules.toString(),
                    "openpanel.cleanup.cron", "0/1 * * * * ?",
                    "openpanel.http.port", String.valueOf(port)));
            try {
                Path reports = temp.resolve("data/reports");
                await().atMost(Duration.ofSeconds(20)).until(() -> reports(reports).size() >= 2);
                JsonNode report = new ObjectMapper().readTree(reports(reports).get(0).toFile());
                assertThat(report.get("trigger").asText()).isEqualTo("schedule");
                assertThat(report.get("mode").asText()).isEqualTo("dry-run");
                assertThat(report.get("candidates").get(0).get("name").asText()).isEqualTo("ci-temp-scheduled");
                assertThat(report.get("candidates").get(0).get("outcome").asText()).isEqualTo("would-delete");
                assertThat(simulator.store().clients()).anyMatch(c -> c.name().equals("ci-temp-scheduled"));

                RawHttp.Answer disabled = new RawHttp("http://127.0.0.1:" + port, null, null).send("POST", "/jobs/cleanup", null, null);
                assertThat(disabled.status()).isEqualTo(404);
            } finally {
                main.stop();
            }
        }
    }

    private static List<Path> reports(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("cleanup-")).sorted().toList();
        }
    }
}
