package dev.openpanel.camel.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.imports.ImportFiles;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JsonLinesJournal;
import dev.openpanel.camel.testing.TestMains;

/**
 * The shipped schedule with real Quartz, on what the real jobs leave behind: once the secret files, the finished
 * import and event journals and a cleanup report are old, one firing deletes them and keeps an unfinished journal.
 */
class RetentionScheduleTest {

    @TempDir
    Path temp;

    @Test
    void aFiringDeletesWhatTheJobsLeftOnceItIsOldAndKeepsUnfinishedWork() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Path data = temp.resolve("data");
            Path rules = Files.writeString(temp.resolve("rules.yaml"), "rules: []\n");
            Map<String, String> properties = TestMains.simulatorProperties(simulator, data);
            properties.put("openpanel.retention.cron", "0/1 * * * * ?");
            properties.put("openpanel.cleanup.rules", rules.toString());
            properties.put("openpanel.cleanup.cron", "0 0 3 1 1 ? 2099");
            Main main = TestMains.start(properties);
            try {
                ProducerTemplate template = main.getCamelContext().createProducerTemplate();
                String project = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Kept Shop", Instant.now());
                Path csv = Files.writeString(temp.resolve("batch.csv"), "name,projectId,type\nold reader," + project + ",read\n");
                template.requestBodyAndHeader("direct:import-file", csv.toFile(), ImportFiles.KIND, "clients");
                template.requestBody("direct:provision-event", ("{\"eventId\":\"old-1\",\"project\":{\"name\":\"old-shop\"},"
                        + "\"clients\":[{\"name\":\"old dash\",\"type\":\"read\"}]}").getBytes(StandardCharsets.UTF_8));
                template.requestBody("direct:cleanup-run", (Object) null);
                Path api;
                try (Stream<Path> apis = Files.list(data.resolve("state"))) {
                    api = apis.filter(Files::isDirectory).findFirst().orElseThrow();
                }
                Path imports = api.resolve("imports");
                Path provisioning = api.resolve("provisioning");
                try (Stream<Path> brokers = Files.list(api)) {
                    assertThat(brokers.map(p -> p.getFileName().toString())).as("the API's state: journals and the broker's")
                            .containsExactlyInAnyOrder("imports", "provisioning", "broker");
                }
                Path unfinished = api.resolve("provisioning/unfinished.jsonl");
                try (JsonLinesJournal journal = JsonLinesJournal.open(unfinished, line -> { })) {
                    journal.append(Journal.line("received"));
                    journal.append(Journal.line("intent"));
                }
                List<Path> left = files(data.resolve("secrets"), data.resolve("reports"), imports, provisioning);
                assertThat(left).as("2 secret files, 2 journals and the unfinished one, 1 report").hasSize(6);

                Instant old = Instant.now().minus(Duration.ofDays(31));
                for (Path file : left) {
                    Files.setLastModifiedTime(file, FileTime.from(old));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> files(data.resolve("secrets"), data.resolve("reports"), imports,
                        provisioning).equals(List.of(unfinished)));
            } finally {
                main.stop();
            }
        }
    }

    private static List<Path> files(Path... folders) throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files.stream().sorted().toList();
    }
}
