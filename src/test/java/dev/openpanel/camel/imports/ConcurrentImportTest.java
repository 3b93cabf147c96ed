package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.LogCapture;

/**
 * Rows of one file run concurrently (openpanel.import.concurrency), against the simulator with latency: unrelated rows
 * overlap, rows about the same resource keep their order, and the outputs stay one line per row in row order.
 */
class ConcurrentImportTest {

    private static final Duration LATENCY = Duration.ofMillis(150);

    @TempDir
    static Path data;

    private static ImportFixture app;

    @BeforeAll
    static void start() {
        app = ImportFixture.start(data, Map.of("openpanel.import.concurrency", "8"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void reset() {
        app.simulator.behavior().reset();
        app.simulator.clearRequests();
    }

    @Test
    void unrelatedRowsOverlapAndTheOutputsStayInRowOrder() {
        app.simulator.behavior().latency(LATENCY).jitter(Duration.ofMillis(140));
        StringBuilder csv = new StringBuilder("name,domain\n");
        IntStream.rangeClosed(1, 30).forEach(i -> csv.append("Parallel ").append(i).append(",https://p").append(i)
                .append(".example\n"));
        app.drop("projects", "parallel.csv", csv.toString());
        assertThat(app.awaitLeft("projects", "parallel.csv").toString()).contains("/.done/");

        List<RecordedRequest> creates = app.simulator.requests().stream()
                .filter(r -> r.method().equals("POST")).toList();
        assertThat(creates).hasSize(30);
        assertThat(closestGap(creates)).as("one at a time, creates would be at least the 10 ms least latency apart")
                .isLessThan(LATENCY.minusMillis(140));
        List<String> sentOrder = creates.stream().map(r -> r.body().replaceAll(".*\"name\":\"Parallel (\\d+)\".*", "$1")).toList();
        assertThat(sentOrder).as("with jitter, creates reach the server out of row order").isNotEqualTo(sorted(sentOrder));

        List<String> results = app.results("parallel").lines().toList();
        assertThat(results).hasSize(31);
        for (int row = 1; row <= 30; row++) {
            assertThat(results.get(row)).startsWith(row + ",upsert,created,project,parallel-" + row + ",Parallel " + row + ",");
        }
        List<String> secrets = app.secrets("parallel").lines().toList();
        assertThat(secrets).hasSize(31);
        for (int row = 1; row <= 30; row++) {
            assertThat(secrets.get(row)).startsWith(row + ",parallel-" + row + ",");
        }
    }

    @Test
    void aNameRepeatedInTheFileFailsTheLaterRowAsADuplicateWhileOtherRowsOverlap() {
        app.simulator.behavior().latency(LATENCY);
        try (LogCapture log = LogCapture.at(Level.INFO)) {
            app.drop("projects", "same-key.csv", "name,domain,action\n"
                    + "Same Key,https://one.example,upsert\n"
                    + "Other Key 1,https://o1.example,upsert\n"
                    + "Same Key,https://two.example,upsert\n"
                    + "Other Key 2,https://o2.example,upsert\n"
                    + "Same Key,,delete\n"
                    + ",https://nameless.example,upsert\n");
            assertThat(app.awaitLeft("projects", "same-key.csv").toString()).contains("/.done/");
            assertThat(log.text()).contains("same-key.csv row 6: project (no name) failed").doesNotContain("'null'");
        }

        List<String[]> results = app.results("same-key").lines().skip(1).map(line -> line.split(",", -1)).toList();
        assertThat(results).extracting(cells -> cells[2]).containsExactly("created", "created", "failed", "created", "failed", "failed");
        assertThat(results.get(2)[6]).startsWith("duplicate of row 1");
        assertThat(results.get(4)[6]).startsWith("duplicate of row 1");
        assertThat(app.simulator.requests()).extracting(r -> r.method() + " " + r.path())
                .noneMatch(call -> call.contains("same-key") || call.startsWith("DELETE"));
        assertThat(app.simulator.store().projects()).filteredOn(p -> p.name().equals("Same Key")).singleElement()
                .satisfies(p -> assertThat(p.domain()).isEqualTo("https://one.example"));
        List<RecordedRequest> others = app.simulator.requests().stream()
                .filter(r -> r.method().equals("POST") && r.body().contains("Other Key")).toList();
        assertThat(others).hasSize(2);
        assertThat(Duration.ofNanos(Math.abs(others.get(1).nanoTime() - others.get(0).nanoTime())))
                .as("rows about other projects run at the same time").isLessThan(LATENCY);
    }

    @Test
    void rowsByIdRunBeforeLaterRowsTakingTheNameTheyFreeAndUnrelatedRowsDoNotWait() {
        String renamed = app.simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Old Name", Instant.now());
        String deleted = app.simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Gone Name", Instant.now());
        app.simulator.behavior().latency(LATENCY);
        app.drop("projects", "rename.csv", "id,name,domain,action\n"
                + renamed + ",New Name,,update\n"
                + ",Old Name,https://reborn.example,upsert\n"
                + deleted + ",,,delete\n"
                + ",Gone Name,https://back.example,upsert\n");
        assertThat(app.awaitLeft("projects", "rename.csv").toString()).contains("/.done/");

        assertThat(app.results("rename").lines().skip(1).map(line -> line.split(",")[2]).toList())
                .containsExactly("updated", "created", "deleted", "created");
        assertThat(app.simulator.store().projects()).filteredOn(p -> !p.isSoftDeleted())
                .extracting(SimProject::name).contains("New Name", "Old Name", "Gone Name");
        assertThat(app.simulator.store().projects()).filteredOn(p -> p.id().equals(deleted)).singleElement()
                .satisfies(p -> assertThat(p.isSoftDeleted()).isTrue());
    }

    private static Duration closestGap(List<RecordedRequest> requests) {
        List<Long> times = new ArrayList<>(requests.stream().map(RecordedRequest::nanoTime).sorted().toList());
        long closest = Long.MAX_VALUE;
        for (int i = 1; i < times.size(); i++) {
            closest = Math.min(closest, times.get(i) - times.get(i - 1));
        }
        return Duration.ofNanos(closest);
    }

    private static List<String> sorted(List<String> numbers) {
        return numbers.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
    }
}
