package dev.openpanel.camel.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;

/**
 * The README's sandbox walk-through, copied from README.md and run as written, line by line, through {@code sh} in a
 * working directory with the project's config and routes, beside the service its first line starts (started here as a
 * process, with the token and port the line gives).
 */
class SandboxWalkThroughTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void everyCommandOfTheWalkThroughWorksAsWritten() throws Exception {
        List<String> lines = walkThrough();
        assertThat(lines.get(0)).as("the first line starts the service").startsWith("OPENPANEL_INTAKE_TOKEN=try-me mvn -q compile exec:java");
        assertThat(lines).hasSize(7);
        try (ServerSocket probe = new ServerSocket(8080)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new AssertionError("the walk-through talks to localhost:8080, which another program holds", e);
        }
        Path dir = ServiceProcess.workingDirectory(temp);
        try (ServiceProcess service = ServiceProcess.start(dir, Map.of("OPENPANEL_INTAKE_TOKEN", "try-me", "OPENPANEL_HTTP_PORT", "8080"))) {
            RawHttp http = new RawHttp("http://localhost:8080", null, null);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> http.get("/observe/health/ready").status() == 200);

            assertThat(sh(dir, lines.get(1))).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("data/outbox/projects.results.csv")));
            assertThat(sh(dir, lines.get(2))).contains("1,upsert,created,project,shop-eu,");
            assertThat(sh(dir, lines.get(3))).contains("\"status\":\"queued\"").contains("\"eventId\":\"try-1\"");
            await().atMost(Duration.ofSeconds(20)).until(() -> sh(dir, lines.get(4)).contains("\"status\":\"provisioned\""));
            assertThat(sh(dir, lines.get(5))).contains("projects.secrets.csv").contains("deployment-try-1-");
            assertThat(sh(dir, lines.get(6))).contains("\"runId\"").contains("\"mode\":\"dry-run\"");
            assertThat(service.output()).doesNotContain("Exception");
        }
    }

    /** The commands of the bash block after "Try every job:", a line continued with a backslash joined to the next. */
    private static List<String> walkThrough() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```bash\n", readme.indexOf("Try every job:")) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
                continue;
            }
            commands.add(current.append(line).toString().strip());
            current.setLength(0);
        }
        return commands;
    }

    /** Runs one line through sh in the directory and returns what it printed (comments included: sh drops them). */
    private static String sh(Path dir, String line) {
        try {
            Process process = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("'" + line + "' failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
