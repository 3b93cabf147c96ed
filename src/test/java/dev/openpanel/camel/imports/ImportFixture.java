package dev.openpanel.camel.imports;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.TestMains;

/** The application with its import routes, running against a simulator, with a data directory of its own. */
final class ImportFixture implements AutoCloseable {

    final ManageApiSimulator simulator;
    final Path data;
    final Main main;

    private ImportFixture(ManageApiSimulator simulator, Path data, Main main) {
        this.simulator = simulator;
        this.data = data;
        this.main = main;
    }

    static ImportFixture start(Path data) {
        return start(data, Map.of());
    }

    static ImportFixture start(Path data, Map<String, String> extra) {
        ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        Map<String, String> properties = TestMains.simulatorProperties(simulator, data);
        properties.put("openpanel.import.pause-backoff", "100ms");
        properties.put("openpanel.import.max-pause-backoff", "300ms");
        properties.put("openpanel.import.read-lock-check-interval", "100");
        properties.putAll(extra);
        Main main = TestMains.start(properties);
        await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.requests().isEmpty());
        simulator.clearRequests();
        return new ImportFixture(simulator, data, main);
    }

    /**
     * Writes a file outside the inbox, then renames it into the inbox, as a careful writer does (a file staged in the
     * inbox itself under a temporary name would be taken for a file of its own).
     */
    Path drop(String kind, String fileName, String content) {
        try {
            Path inbox = data.resolve("inbox").resolve(kind);
            Path staged = Files.createDirectories(data.resolve("staging")).resolve(kind + "-" + System.nanoTime() + ".part");
            Files.writeString(staged, content, StandardCharsets.UTF_8);
            return Files.move(staged, inbox.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the file has left the inbox for .done/ or .failed/ and returns where it went. */
    Path awaitLeft(String kind, String fileName) {
        Path inbox = data.resolve("inbox").resolve(kind);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(fileName)));
        Path done = inbox.resolve(".done").resolve(fileName);
        return Files.exists(done) ? done : inbox.resolve(".failed").resolve(fileName);
    }

    String results(String name) {
        return read(data.resolve("outbox").resolve(name + ".results.csv"));
    }

    String errors(String name) {
        return read(data.resolve("errors").resolve(name + ".errors.csv"));
    }

    String secrets(String name) {
        return read(data.resolve("secrets").resolve(name + ".secrets.csv"));
    }

    /** Imports a file through the work route directly, as a one-shot command does. */
    ImportSummary importFile(String kind, Path file, boolean dryRun) {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        return template.requestBodyAndHeaders("direct:import-file", file.toFile(),
                Map.of(ImportFiles.KIND, kind, ImportFiles.DRY_RUN, dryRun), ImportSummary.class);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        main.stop();
        simulator.close();
    }
}
