package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.simulator.SimulatorStore;

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
    void rowsAboutTheSameProjectRunInRowOrderAsIfAlone() {
        app.simulator.behavior().latency(LATENCY);
        app.drop("projects", "same-key.csv", "name,domain,action\n"
                + "Same Key,https://one.example,upsert\n"
                + "Other Key 1,https://o1.example,upsert\n"
                + "Same Key,https://two.example,upsert\n"
                + "Other Key 2,https://o2.example,upsert\n"
                + "Same Key,,delete\n"
                + "Same Key,https://three.example,upsert\n");
        assertThat(app.awaitLeft("projects", "same-key.csv").toString()).contains("/.done/");

        assertThat(app.results("same-key").lines().skip(1).map(line -> line.split(",")[2]).toList())
                .containsExactly("created", "created", "updated", "created", "deleted", "created");
        assertThat(app.simulator.requests()).extracting(r -> r.method() + " " + r.path())
                .filteredOn(call -> call.contains("same-key"))
                .containsExactly("PATCH /manage/projects/same-key", "DELETE /manage/projects/same-key");
        List<SimProject> same = app.simulator.store().projects().stream().filter(p -> p.name().equals("Same Key")).toList();
        assertThat(same).filteredOn(p -> !p.isSoftDeleted()).singleElement()
                .satisfies(p -> assertThat(p.domain()).isEqualTo("https://three.example"));
        assertThat(same).filteredOn(SimProject::isSoftDeleted).singleElement()
                .satisfies(p -> assertThat(p.domain()).isEqualTo("https://two.example"));
        List<RecordedRequest> others = app.simulator.requests().stream()
                .filter(r -> r.method().equals("POST") && r.body().contains("Other Key")).toList();
        assertThat(others).hasSize(2);
        assertThat(Duration.ofNanos(Math.abs(others.get(1).nanoTime() - others.get(0).nanoTime())))
                .as("rows about other projects do not wait for the same-key rows").isLessThan(LATENCY);
    }

    @Test
    void aRowRenamingAProjectByIdRunsBeforeALaterRowTakingItsOldName() {
        String id = app.simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Old Name", Instant.now());
        app.simulator.behavior().latency(LATENCY);
        app.drop("projects", "rename.csv", "id,name,domain,action\n"
                + id + ",New Name,,update\n"
                + ",Old Name,https://reborn.example,upsert\n");
        assertThat(app.awaitLeft("projects", "rename.csv").toString()).contains("/.done/");

        assertThat(app.results("rename").lines().skip(1).map(line -> line.split(",")[2]).toList())
                .containsExactly("updated", "created");
        assertThat(app.simulator.store().projects()).filteredOn(p -> !p.isSoftDeleted())
                .extracting(SimProject::name).contains("New Name", "Old Name");
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
