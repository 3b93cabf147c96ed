package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.LogCapture;

/** Transient trouble mid-file pauses the import on its row; nothing fails, nothing is lost or made twice. */
class ImportOutageTest {

    @TempDir
    Path data;

    private ImportFixture app;

    @BeforeEach
    void start() {
        app = ImportFixture.start(data, Map.of("openpanel.import.progress-interval", "200ms"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void whenTheApiGoesDownMidFileTheImportWaitsOnItsRowAndFinishesOnceTheApiIsBack() {
        try (LogCapture log = LogCapture.at(Level.INFO)) {
            app.simulator.behavior().latency(Duration.ofMillis(40));
            Path dropped = app.drop("projects", "outage.csv", rows("Outage", 30));
            await().atMost(Duration.ofSeconds(20)).until(() -> created("Outage") >= 5);
            app.simulator.behavior().failures(1.0, 503);
            long createdBefore = created("Outage");

            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dropped)
                    && !Files.exists(data.resolve("outbox/outage.results.csv")) && created("Outage") <= createdBefore + 1);
            assertThat(app.simulator.requests()).anyMatch(r -> r.status() == 503);

            app.simulator.behavior().reset();
            assertThat(app.awaitLeft("projects", "outage.csv").toString()).contains("/.done/");
            assertThat(app.results("outage").lines().skip(1)).hasSize(30).allMatch(line -> line.contains(",created,project,"));
            assertThat(created("Outage")).isEqualTo(30);
            assertThat(data.resolve("errors/outage.errors.csv")).doesNotExist();
            assertThat(log.text()).contains("Import of outage.csv paused at row").contains("the API is unavailable")
                    .contains("Import of outage.csv resumed at row").containsPattern("Import of outage.csv: \\d+/30 rows");
        }
    }

    @Test
    void whenTheApiRefusesTheCredentialsMidFileTheImportWaitsAndResumesWithoutFailingARow() {
        try (LogCapture log = LogCapture.at(Level.INFO)) {
            for (int i = 0; i < 6; i++) {
                app.simulator.behavior().failNext(Fault.answer(401,
                        "{\"error\":\"Unauthorized\",\"message\":\"Manage: Invalid client secret\"}").on("POST", "/manage/clients"));
            }
            String home = app.simulator.store().addProject("sandbox-org", "Revoked Home", java.time.Instant.now());
            app.drop("clients", "revoked.csv", "name,projectId\nfirst," + home + "\nsecond," + home + "\nthird," + home + "\n");

            assertThat(app.awaitLeft("clients", "revoked.csv").toString()).contains("/.done/");
            assertThat(app.simulator.requests()).filteredOn(r -> r.status() == 401).hasSize(6);
            assertThat(app.results("revoked").lines().skip(1)).hasSize(3).allMatch(line -> line.contains(",created,client,"));
            assertThat(app.simulator.store().clients()).filteredOn(c -> home.equals(c.projectId())).hasSize(3);
            assertThat(app.secrets("revoked").lines()).hasSize(4);
            assertThat(log.text()).contains("paused at row 1 of 3: the API refuses the credentials");
        }
    }

    private long created(String prefix) {
        return app.simulator.store().projects().stream().filter(p -> p.name().startsWith(prefix)).count();
    }

    private static String rows(String prefix, int count) {
        StringBuilder csv = new StringBuilder("name\n");
        for (int i = 1; i <= count; i++) {
            csv.append(prefix).append(String.format(" %02d", i)).append('\n');
        }
        return csv.toString();
    }

    static long status(java.util.List<RecordedRequest> requests, int status) {
        return requests.stream().filter(r -> r.status() == status).count();
    }
}
