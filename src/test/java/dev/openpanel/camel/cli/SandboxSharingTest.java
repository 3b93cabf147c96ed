package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/** Sandbox mode is one sandbox per data directory: one-shot commands share the running service's simulator. */
class SandboxSharingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String FRESH = "so this command uses a fresh, empty sandbox that ends with it";

    @TempDir
    Path temp;

    @Test
    void oneShotCommandsUseTheRunningSandboxAndNothingOverwritesItsCredentials() throws Exception {
        Path dir = ServiceProcess.workingDirectory(temp);
        Path credentials = dir.resolve("data/secrets/sandbox-root-client.properties");
        ServiceProcess.Completed alone = ServiceProcess.run(dir, Map.of(), TIMEOUT, "api", "projects", "list");
        assertThat(alone.exitCode()).as(alone.stderr()).isZero();
        assertThat(alone.stdout().strip()).isEqualTo("[ ]");
        assertThat(alone.stderr().lines().filter(line -> line.contains(FRESH)).count()).as(alone.stderr()).isEqualTo(1);
        assertThat(alone.stderr().lines().count()).as("one line: " + alone.stderr()).isEqualTo(1);
        assertThat(credentials).as("a one-shot's own sandbox leaves no credentials behind").doesNotExist();

        int port = TestMains.freePort();
        try (ServiceProcess service = ServiceProcess.start(dir, Map.of("OPENPANEL_HTTP_PORT", String.valueOf(port)))) {
            RawHttp http = new RawHttp("http://127.0.0.1:" + port, null, null);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> http.get("/observe/health/ready").status() == 200);
            String written = Files.readString(credentials);
            FileTime writtenAt = Files.getLastModifiedTime(credentials);

            ServiceProcess.Completed create = ServiceProcess.run(dir, Map.of(), TIMEOUT, "api", "projects", "create", "--data",
                    "{\"name\":\"shared sandbox\"}");
            assertThat(create.exitCode()).as(create.stderr()).isZero();
            assertThat(create.stderr()).doesNotContain(FRESH);
            ServiceProcess.Completed list = ServiceProcess.run(dir, Map.of(), TIMEOUT, "api", "projects", "list");
            assertThat(list.stdout()).as("the service's sandbox has the project").contains("\"shared sandbox\"");

            Path event = Files.writeString(temp.resolve("event.json"), "{\"eventId\":\"shared-1\",\"project\":{\"name\":\"shared sandbox\"}}");
            ServiceProcess.Completed first = ServiceProcess.run(dir, Map.of(), TIMEOUT, "provision", event.toString(), "--json");
            ServiceProcess.Completed second = ServiceProcess.run(dir, Map.of(), TIMEOUT, "provision", event.toString(), "--json");
            assertThat(first.stdout()).as(first.stderr()).containsPattern("\"repeated\"\\s*:\\s*false");
            assertThat(second.stdout()).as(second.stderr()).containsPattern("\"repeated\"\\s*:\\s*true");

            try (ServiceProcess another = ServiceProcess.start(dir, Map.of())) {
                assertThat(another.awaitExit(TIMEOUT)).isEqualTo(2);
                assertThat(another.output()).contains("another openpanel-camel service runs a sandbox on the data directory");
            }
            assertThat(Files.readString(credentials)).as("nobody overwrote the running sandbox's credentials").isEqualTo(written);
            assertThat(Files.getLastModifiedTime(credentials)).isEqualTo(writtenAt);
            assertThat(service.output()).doesNotContain("Exception");
        }
    }

    @Test
    void theBrokerJournalIsPerApiSoANewSandboxStartsWithAnEmptyQueue() throws Exception {
        Path dir = ServiceProcess.workingDirectory(temp);
        Pattern journal = Pattern.compile("Embedded broker started \\(journal in ([^)]+)\\)");
        String first;
        try (ServiceProcess service = ServiceProcess.start(dir, Map.of())) {
            first = journal.matcher(service.awaitOutput(journal, TIMEOUT)).results().findFirst().orElseThrow().group(1);
        }
        try (ServiceProcess service = ServiceProcess.start(dir, Map.of())) {
            String second = journal.matcher(service.awaitOutput(journal, TIMEOUT)).results().findFirst().orElseThrow().group(1);
            assertThat(first).as("state/<api>/broker").matches(".*data/state/127\\.0\\.0\\.1-\\d+-[0-9a-f]{8}/broker");
            assertThat(second).as("another sandbox, another API, another journal").isNotEqualTo(first);
        }
    }
}
