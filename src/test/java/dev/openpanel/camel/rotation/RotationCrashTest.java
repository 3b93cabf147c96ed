package dev.openpanel.camel.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;

/**
 * {@code rotate} as a real process, killed with SIGKILL before the new secret is written (the create in flight) and
 * before the old client is deleted (after the new secret is written), then run again: at every point the old or the
 * new credentials work, no client is left whose secret nobody has, and the second run finishes the same rotation. The
 * tool's own root client too, through its credential files.
 */
class RotationCrashTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LATENCY = Duration.ofMillis(300);
    private static final String NON_ROOT_ANSWER = "Manage: Only root clients are allowed to manage resources";

    @TempDir
    Path temp;

    private ManageApiSimulator simulator;
    private Path dir;
    private String projectId;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        dir = ServiceProcess.workingDirectory(temp);
        ServiceProcess.configure(dir, Map.of("openpanel.rate-limit.requests", "50", "openpanel.rate-limit.period", "1s"));
        projectId = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Crash Shop", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aProjectClientKilledBeforeItsNewSecretIsWrittenAndBeforeItsOldClientIsDeletedEndsRotatedOnce() throws Exception {
        SimulatorStore.SeededClient old = simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "crash writer", "write",
                projectId, Instant.parse("2026-01-02T00:00:00Z"));
        Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);

        killAtFirst("POST", environment, "rotate", "client", old.id());
        awaitHandled();
        assertThat(named("crash writer")).as("the create reached the API; its answer, with the secret, never came back").hasSize(1);
        assertThat(usable(old.id(), old.secret())).as("the old client still works").isTrue();

        ServiceProcess.Completed resumed = ServiceProcess.run(dir, environment, TIMEOUT, "rotate", "client", old.id(), "--json");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        JsonNode result = new ObjectMapper().readTree(resumed.stdout());
        assertThat(result.get("status").asText()).isEqualTo("rotated");
        assertThat(result.get("discarded").asInt()).as("the client whose secret was lost is deleted").isEqualTo(1);
        String newId = result.get("newClientId").asText();
        assertThat(named("crash writer")).extracting(SimClient::id).containsExactly(newId);
        String newSecret = secretIn(Path.of(result.get("secretsFile").asText()), newId);
        assertThat(usable(newId, newSecret)).isTrue();
        assertThat(usable(old.id(), old.secret())).as("the old client works until its grace is over").isTrue();
        assertThat(resumed.stdout() + resumed.stderr()).doesNotContain(newSecret);

        killAtFirst("DELETE", environment, "rotate", "client", old.id(), "--now");
        awaitHandled();
        assertThat(usable(newId, newSecret)).as("the new secret, written before the old client's delete, works").isTrue();

        ServiceProcess.Completed finished = ServiceProcess.run(dir, environment, TIMEOUT, "rotate", "client", old.id(), "--now", "--json");
        assertThat(finished.exitCode()).as(finished.stderr()).isZero();
        JsonNode done = new ObjectMapper().readTree(finished.stdout());
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("newClientId").asText()).isEqualTo(newId);
        assertThat(simulator.store().clients()).extracting(SimClient::id).doesNotContain(old.id()).contains(newId);
        assertThat(named("crash writer")).hasSize(1);
    }

    @Test
    void theRootClientKilledMidRotationAlwaysLeavesAWorkingPairInItsFilesAndIsDeletedOnlyAfterTheNewOneAnswered() throws Exception {
        SimulatorStore.SeededClient old = simulator.rootClient();
        Path credentials = Files.createDirectories(temp.resolve("credentials"));
        Path idFile = Files.writeString(credentials.resolve("client-id"), old.id() + "\n");
        Path secretFile = Files.writeString(credentials.resolve("client-secret"), old.secret() + "\n");
        Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
        environment.remove("OPENPANEL_CLIENT_ID");
        environment.remove("OPENPANEL_CLIENT_SECRET");
        environment.put("OPENPANEL_CLIENT_ID_FILE", idFile.toString());
        environment.put("OPENPANEL_CLIENT_SECRET_FILE", secretFile.toString());

        killAtFirst("POST", environment, "rotate", "root", "--now");
        awaitHandled();
        assertThat(pairIn(idFile, secretFile)).containsExactly(old.id(), old.secret());
        assertThat(usable(old.id(), old.secret())).isTrue();

        killWhen(() -> !Files.readString(idFile).strip().equals(old.id()), environment, "rotate", "root", "--now");
        awaitHandled();
        List<String> pair = pairIn(idFile, secretFile);
        assertThat(pair.get(0)).isNotEqualTo(old.id());
        assertThat(usable(pair.get(0), pair.get(1))).as("the files hold the new pair, which works").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(idFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");

        ServiceProcess.Completed finished = ServiceProcess.run(dir, environment, TIMEOUT, "rotate", "root", "--now", "--json");
        assertThat(finished.exitCode()).as(finished.stderr()).isZero();
        JsonNode done = new ObjectMapper().readTree(finished.stdout());
        assertThat(done.get("oldClientId").asText()).isEqualTo(old.id());
        assertThat(done.get("newClientId").asText()).isEqualTo(pair.get(0));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("discarded").asInt()).isEqualTo(1);
        assertThat(simulator.store().clients()).extracting(SimClient::id).doesNotContain(old.id());
        assertThat(simulator.store().clients()).filteredOn(c -> c.type().equals("root")).extracting(SimClient::id)
                .containsExactly(pair.get(0));

        List<RecordedRequest> requests = simulator.requests();
        int firstAsNew = indexOf(requests, r -> pair.get(0).equals(r.clientId()));
        int deleteOfOld = indexOf(requests, r -> r.method().equals("DELETE") && r.path().endsWith(old.id()));
        assertThat(firstAsNew).as("the new root client answered a call").isGreaterThanOrEqualTo(0);
        assertThat(requests.get(firstAsNew).status()).isEqualTo(200);
        assertThat(firstAsNew).as("before the old one was deleted").isLessThan(deleteOfOld);
    }

    /**
     * Runs the command with latency on every request and kills it once its first request with that method reached the
     * API (which then handles it, as a server does whose client died).
     */
    private void killAtFirst(String method, Map<String, String> environment, String... arguments) {
        int before = simulator.received(method);
        killWhen(() -> simulator.received(method) > before, environment, arguments);
    }

    /** Runs the command with latency on every request and kills it as soon as the condition holds. */
    private void killWhen(java.util.concurrent.Callable<Boolean> condition, Map<String, String> environment, String... arguments) {
        simulator.behavior().latency(LATENCY);
        try (ServiceProcess process = ServiceProcess.start(dir, environment, arguments)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(condition);
            process.kill();
        }
        simulator.behavior().latency(Duration.ZERO);
    }

    /** Waits until every request that reached the simulator was handled (the killed process's last one too). */
    private void awaitHandled() {
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.requests().size()
                == simulator.received("GET") + simulator.received("POST") + simulator.received("PATCH") + simulator.received("DELETE"));
    }

    private List<SimClient> named(String name) {
        return simulator.store().clients().stream().filter(c -> c.name().equals(name)).toList();
    }

    private boolean usable(String clientId, String secret) {
        RawHttp.Answer answer = new RawHttp(simulator.url(), clientId, secret).get("/manage/projects");
        return answer.status() == 200 || NON_ROOT_ANSWER.equals(answer.json().path("message").asText());
    }

    private static String secretIn(Path file, String clientId) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(clientId + ",")).map(l -> l.substring(l.lastIndexOf(',') + 1))
                .findFirst().orElseThrow();
    }

    private static List<String> pairIn(Path idFile, Path secretFile) throws Exception {
        return List.of(Files.readString(idFile).strip(), Files.readString(secretFile).strip());
    }

    private static int indexOf(List<RecordedRequest> requests, java.util.function.Predicate<RecordedRequest> match) {
        for (int i = 0; i < requests.size(); i++) {
            if (match.test(requests.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
