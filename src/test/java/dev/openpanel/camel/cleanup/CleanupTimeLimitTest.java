package dev.openpanel.camel.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** openpanel.cleanup.max-duration: a slow run stops, says why, and never keeps the next trigger out. */
class CleanupTimeLimitTest {

    private static final String ORG = SimulatorStore.DEFAULT_ORGANIZATION;
    private static final String TOKEN = "time-limit-token";

    @TempDir
    static Path temp;

    private static ManageApiSimulator simulator;
    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        Path rules = temp.resolve("cleanup.yaml");
        Files.writeString(rules, "rules:\n  - name: slow previews\n    resource: projects\n    where: { name: \"^slow-\" }\n");
        port = TestMains.freePort();
        Map<String, String> properties = TestMains.simulatorProperties(simulator, temp.resolve("data"));
        properties.put("openpanel.cleanup.rules", rules.toString());
        properties.put("openpanel.cleanup.max-duration", "2s");
        properties.put("openpanel.cleanup.max-deletes", "10");
        // one delete at a time, so the deadline falls between two deletes of the same kind
        properties.put("openpanel.cleanup.concurrency", "1");
        properties.put("openpanel.cleanup.dry-run", "false");
        properties.put("openpanel.cleanup.cron", "0 0 3 1 1 ? 2099");
        properties.put("openpanel.intake.token", TOKEN);
        properties.put("openpanel.http.port", String.valueOf(port));
        main = TestMains.start(properties);
        await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.requests().isEmpty());
    }

    @AfterAll
    static void stop() {
        main.stop();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.behavior().reset();
        simulator.clearRequests();
    }

    @Test
    void aRunThatCannotFinishItsPlanInTimeDeletesNothingAndSaysWhy() {
        simulator.store().addProject(ORG, "slow-plan", Instant.now());
        simulator.behavior().latency(Duration.ofMillis(2500));
        JsonNode report = awaitReport(post());

        assertThat(report.get("stoppedBecause").asText()).isEqualTo("the run took longer than openpanel.cleanup.max-duration (2s)"
                + " before its plan was complete; nothing was deleted");
        assertThat(report.get("candidates")).isEmpty();
        assertThat(simulator.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void aRunPastItsDeadlineStartsNoFurtherDeleteAndTheRestIsNotAttempted() {
        for (int i = 0; i < 6; i++) {
            simulator.store().addProject(ORG, "slow-delete-" + i, Instant.now());
        }
        simulator.behavior().latency(Duration.ofMillis(600));
        JsonNode report = awaitReport(post());
        simulator.behavior().reset();

        assertThat(report.get("stoppedBecause").asText())
                .isEqualTo("the run took longer than openpanel.cleanup.max-duration (2s); the next run picks up the rest");
        assertThat(report.get("totals").path("deleted").asInt()).isPositive();
        assertThat(report.get("totals").path("not-attempted").asInt()).isPositive();
        long notDeleted = simulator.store().projects().stream()
                .filter(p -> p.name().startsWith("slow-") && !p.isSoftDeleted()).count();
        assertThat(notDeleted).isEqualTo(report.get("totals").path("not-attempted").asInt());
    }

    @Test
    void aRunStuckPastItsDeadlineNoLongerHoldsBackTheNextTrigger() {
        simulator.behavior().latency(Duration.ofSeconds(4));
        RawHttp.Answer stuck = post();
        assertThat(stuck.status()).isEqualTo(202);
        assertThat(post().status()).as("within its max-duration a run keeps others out").isEqualTo(409);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> post().status() == 202);
        Path stuckReport = reportFile(stuck);
        assertThat(stuckReport).as("the first run has not returned yet").doesNotExist();
        simulator.behavior().reset();

        JsonNode first = awaitReport(stuck);
        assertThat(first.get("stoppedBecause").asText()).startsWith("the run took longer than openpanel.cleanup.max-duration (2s)");
        RawHttp.Answer next = awaitAccepted();
        JsonNode normal = awaitReport(next);
        assertThat(normal.has("stoppedBecause")).as(normal.toString()).isFalse();
        assertThat(normal.has("error")).isFalse();
    }

    private static RawHttp.Answer awaitAccepted() {
        RawHttp.Answer[] accepted = new RawHttp.Answer[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            accepted[0] = post();
            return accepted[0].status() == 202;
        });
        return accepted[0];
    }

    private static JsonNode awaitReport(RawHttp.Answer started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Path file = reportFile(started);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path reportFile(RawHttp.Answer started) {
        return temp.resolve("data/reports/cleanup-" + started.json().get("runId").asText() + ".json");
    }

    private static RawHttp.Answer post() {
        return RawHttp.bearer(base(), TOKEN).send("POST", "/jobs/cleanup", null, null);
    }

    private static String base() {
        return "http://127.0.0.1:" + port;
    }
}
