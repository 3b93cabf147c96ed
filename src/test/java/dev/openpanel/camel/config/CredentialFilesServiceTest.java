package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore.SeededClient;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/**
 * The service with its root client and intake token in files (as containers mount secrets): a changed file is used
 * from the next call on, without a restart, and no value from a file reaches the log.
 */
class CredentialFilesServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String FIRST_TOKEN = "first-intake-token-4d5e";
    private static final String SECOND_TOKEN = "second-intake-token-6f7a";

    @TempDir
    Path temp;

    @Test
    void aRewrittenSecretFileAndTokenFileAreUsedFromTheNextCallWithoutARestartAndNeverLogged() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            SeededClient root = simulator.rootClient();
            Path mounted = Files.createDirectories(temp.resolve("run-secrets"));
            Path idFile = Files.writeString(mounted.resolve("client-id"), root.id() + "\n");
            Path secretFile = Files.writeString(mounted.resolve("client-secret"), root.secret() + "\n");
            Path tokenFile = Files.writeString(mounted.resolve("intake-token"), FIRST_TOKEN + "\n");
            Path dir = ServiceProcess.workingDirectory(temp);
            ServiceProcess.configure(dir, Map.of("camel.server.host", "127.0.0.1", "openpanel.retry.max-retries", "1",
                    "openpanel.retry.backoff", "20ms"));
            int port = TestMains.freePort();
            Map<String, String> environment = Map.of("OPENPANEL_API_URL", simulator.url(),
                    "OPENPANEL_CLIENT_ID_FILE", idFile.toString(), "OPENPANEL_CLIENT_SECRET_FILE", secretFile.toString(),
                    "OPENPANEL_INTAKE_TOKEN_FILE", tokenFile.toString(), "OPENPANEL_HTTP_PORT", String.valueOf(port),
                    "OPENPANEL_HEALTH_PROBE_INTERVAL", "1h");

            try (ServiceProcess service = ServiceProcess.start(dir, environment)) {
                service.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), TIMEOUT);
                String intake = "http://127.0.0.1:" + port;
                assertThat(RawHttp.bearer(intake, FIRST_TOKEN).post("/events/deployment", event("files-1", "before-change"))
                        .status()).isEqualTo(202);
                service.awaitOutput(Pattern.compile("Event files-1 provisioned"), TIMEOUT);

                SeededClient replaced = simulator.store().replaceSecret(root.id());
                replace(secretFile, replaced.secret() + "\n");
                replace(tokenFile, SECOND_TOKEN + "\n");

                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> RawHttp.bearer(intake, SECOND_TOKEN)
                        .post("/events/deployment", event("files-2", "after-change")).status() == 202);
                assertThat(RawHttp.bearer(intake, FIRST_TOKEN).post("/events/deployment", event("files-3", "old-token"))
                        .status()).as("the old token is refused").isEqualTo(401);
                String output = service.awaitOutput(Pattern.compile("Event files-2 provisioned"), TIMEOUT);

                assertThat(simulator.store().projects()).extracting(p -> p.name()).contains("before-change", "after-change")
                        .doesNotContain("old-token");
                assertThat(simulator.requests()).as("every call authenticated, before and after the change")
                        .allSatisfy(r -> assertThat(r.status()).isLessThan(400));
                assertThat(output).contains("openpanel.client-secret changed; using the new value from " + secretFile)
                        .contains("openpanel.intake.token changed; using the new value from " + tokenFile)
                        .doesNotContain(root.secret()).doesNotContain(replaced.secret())
                        .doesNotContain(FIRST_TOKEN).doesNotContain(SECOND_TOKEN);
            }
        }
    }

    private static String event(String id, String project) {
        return "{\"eventId\":\"" + id + "\",\"project\":{\"name\":\"" + project + "\"},\"clients\":[{\"name\":\"dash\",\"type\":\"read\"}]}";
    }

    /** Writes a new file and renames it over the old one, as a secret mount is updated. */
    private static void replace(Path file, String content) throws Exception {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
