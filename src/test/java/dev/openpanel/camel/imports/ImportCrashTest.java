package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;

/**
 * The service, a separate JVM, is killed with SIGKILL twice during a 60-row import (between rows, and right after a
 * create reached the API but before its answer came back), then restarted: nothing is created twice, every row has
 * exactly one result, and every secret that could be kept is in the secrets file; the others are named for rotation.
 */
class ImportCrashTest {

    private static final Pattern STARTED = Pattern.compile("openpanel-camel\\) started in");

    @TempDir
    Path temp;

    @Test
    void aServiceKilledTwiceMidImportFinishesWithoutDuplicatesAndWithOneResultPerRow() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Path dir = ServiceProcess.workingDirectory(temp);
            ServiceProcess.configure(dir, Map.of("openpanel.rate-limit.requests", "50", "openpanel.rate-limit.period", "1s",
                    "openpanel.import.pause-backoff", "100ms", "openpanel.import.read-lock-check-interval", "100"));
            Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
            environment.put("OPENPANEL_IMPORT_CONCURRENCY", "8");
            simulator.behavior().latency(Duration.ofMillis(60));

            try (ServiceProcess first = ServiceProcess.start(dir, environment)) {
                first.awaitOutput(STARTED, Duration.ofSeconds(60));
                drop(dir, "crash.csv", rows(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> created(simulator) >= 15);
                first.kill();
            }
            long afterFirstKill = created(simulator);
            assertThat(afterFirstKill).isBetween(15L, 59L);

            try (ServiceProcess second = ServiceProcess.start(dir, environment)) {
                second.awaitOutput(STARTED, Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> created(simulator) >= afterFirstKill + 10);
                int postsSoFar = simulator.received("POST");
                simulator.behavior().latency(Duration.ofMillis(1500));
                await().atMost(Duration.ofSeconds(30)).until(() -> simulator.received("POST") > postsSoFar);
                second.kill();
            }
            simulator.behavior().latency(Duration.ZERO);
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.received("POST") == simulator.requests().stream()
                    .filter(r -> r.method().equals("POST")).count());

            try (ServiceProcess third = ServiceProcess.start(dir, environment)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(dir.resolve("data/inbox/projects/.done/crash.csv")));
                third.stop();
            }

            List<SimProject> projects = simulator.store().projects().stream().filter(p -> p.name().startsWith("Crash ")).toList();
            assertThat(projects).as("no project was created twice").hasSize(60);
            assertThat(projects).extracting(SimProject::id).allMatch(id -> id.matches("crash-\\d{2}"));

            List<String> results = Files.readAllLines(dir.resolve("data/outbox/crash.results.csv")).subList(1, 61);
            for (int row = 1; row <= 60; row++) {
                String prefix = row + ",upsert,created,project," + String.format("crash-%02d", row) + ",";
                assertThat(results.get(row - 1)).as("row %d", row).startsWith(prefix);
            }

            List<String> secrets = Files.readAllLines(dir.resolve("data/secrets/crash.secrets.csv"));
            assertThat(secrets.get(0)).isEqualTo("row,projectId,clientId,clientSecret");
            List<String> rotate = results.stream().filter(line -> line.contains("rotate client")).toList();
            assertThat(rotate).as("the create killed in flight lost its secret and says so").isNotEmpty();
            assertThat(secrets.size() - 1 + rotate.size()).as("every row has its secret or a rotation note").isEqualTo(60);
            List<String> keptRows = new ArrayList<>();
            for (String line : secrets.subList(1, secrets.size())) {
                String[] cells = line.split(",");
                keptRows.add(cells[0]);
                RawHttp.Answer asClient = new RawHttp(simulator.url(), cells[2], cells[3]).get("/manage/projects");
                assertThat(asClient.json().get("message").asText()).as("secret of row %s", cells[0])
                        .isEqualTo("Manage: Only root clients are allowed to manage resources");
            }
            assertThat(keptRows).doesNotHaveDuplicates()
                    .as("secrets in row order, though 8 rows ran at once").isSortedAccordingTo(Comparator.comparingInt(Integer::parseInt));
            for (String line : rotate) {
                String client = line.replaceAll(".*rotate client ([0-9a-f-]{36}).*", "$1");
                assertThat(simulator.store().clients()).extracting(SimClient::id).contains(client);
                assertThat(keptRows).doesNotContain(line.substring(0, line.indexOf(',')));
            }
        }
    }

    private static long created(ManageApiSimulator simulator) {
        return simulator.store().projects().stream().filter(p -> p.name().startsWith("Crash ")).count();
    }

    private static void drop(Path dir, String name, String content) throws Exception {
        Path inbox = dir.resolve("data/inbox/projects");
        Path hidden = inbox.resolve("." + name + ".part");
        Files.writeString(hidden, content);
        Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String rows(int count) {
        StringBuilder csv = new StringBuilder("name,domain\n");
        for (int i = 1; i <= count; i++) {
            csv.append(String.format("Crash %02d,https://crash-%02d.example%n", i, i));
        }
        return csv.toString();
    }
}
