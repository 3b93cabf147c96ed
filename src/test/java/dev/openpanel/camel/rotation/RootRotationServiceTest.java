package dev.openpanel.camel.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/**
 * A service running on credential files keeps working, without a restart, when {@code rotate root --now} (another
 * process) replaces its root client: its next calls go out as the new client, and the old one is gone.
 */
class RootRotationServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void aServiceOnCredentialFilesSwitchesToTheRotatedRootClientAtItsNextCall() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            Path dir = ServiceProcess.workingDirectory(temp);
            ServiceProcess.configure(dir, Map.of("openpanel.rate-limit.requests", "50", "openpanel.rate-limit.period", "1s",
                    "camel.server.host", "127.0.0.1"));
            Path credentials = Files.createDirectories(temp.resolve("credentials"));
            String oldId = simulator.rootClient().id();
            Path idFile = Files.writeString(credentials.resolve("client-id"), oldId + "\n");
            Path secretFile = Files.writeString(credentials.resolve("client-secret"), simulator.rootClient().secret() + "\n");
            Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
            environment.remove("OPENPANEL_CLIENT_ID");
            environment.remove("OPENPANEL_CLIENT_SECRET");
            environment.put("OPENPANEL_CLIENT_ID_FILE", idFile.toString());
            environment.put("OPENPANEL_CLIENT_SECRET_FILE", secretFile.toString());
            Map<String, String> service = new java.util.HashMap<>(environment);
            int port = TestMains.freePort();
            service.put("OPENPANEL_HTTP_PORT", String.valueOf(port));
            service.put("OPENPANEL_INTAKE_TOKEN", "switch-token");

            try (ServiceProcess running = ServiceProcess.start(dir, service)) {
                running.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), TIMEOUT);
                ServiceProcess.Completed rotated = ServiceProcess.run(dir, environment, TIMEOUT, "rotate", "root", "--now");
                assertThat(rotated.exitCode()).as(rotated.stderr()).isZero();
                String newId = Files.readString(idFile).strip();
                assertThat(newId).isNotEqualTo(oldId);
                assertThat(simulator.store().clients()).extracting(SimClient::id).doesNotContain(oldId);

                int before = simulator.requests().size();
                RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, "switch-token");
                assertThat(intake.post("/events/deployment", "{\"eventId\":\"after-rotation\",\"project\":{\"name\":\"after-rotation\"}}")
                        .status()).isEqualTo(202);
                running.awaitOutput(Pattern.compile("Event after-rotation provisioned"), TIMEOUT);
                List<RecordedRequest> after = simulator.requests().subList(before, simulator.requests().size());
                assertThat(after).isNotEmpty().allSatisfy(request -> assertThat(request.clientId()).isEqualTo(newId));
                assertThat(after).allSatisfy(request -> assertThat(request.status()).isLessThan(400));
                assertThat(running.output()).contains("openpanel.client-id changed; using the new value from " + idFile.toAbsolutePath());
            }
        }
    }
}
