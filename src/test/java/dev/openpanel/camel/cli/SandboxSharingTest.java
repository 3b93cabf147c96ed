package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;

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
    void aNewSandboxStartsWithAnEmptyQueueInsteadOfTheLastSandboxsResults() throws Exception {
        Path dir = ServiceProcess.workingDirectory(temp);
        int brokerPort = TestMains.freePort();
        Map<String, String> environment = new java.util.HashMap<>(Map.of("OPENPANEL_INTAKE_TOKEN", "sandbox",
                "OPENPANEL_EMBEDDED_BROKER_PORT", String.valueOf(brokerPort), "OPENPANEL_EMBEDDED_BROKER_USER", "pipeline",
                "OPENPANEL_EMBEDDED_BROKER_PASSWORD", "pipeline-password"));
        int port = TestMains.freePort();
        environment.put("OPENPANEL_HTTP_PORT", String.valueOf(port));
        try (ServiceProcess first = ServiceProcess.start(dir, environment)) {
            RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, "sandbox");
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> intake.get("/observe/health/ready").status() == 200);
            assertThat(intake.post("/events/deployment", "{\"eventId\":\"old-sandbox\",\"project\":{\"name\":\"old\"}}").status())
                    .isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> intake.get("/events/deployment/old-sandbox").body().contains("\"provisioned\""));
            await().atMost(TIMEOUT).until(() -> waitingResults(brokerPort) == 1);
        }
        int next = TestMains.freePort();
        environment.put("OPENPANEL_HTTP_PORT", String.valueOf(next));
        try (ServiceProcess second = ServiceProcess.start(dir, environment)) {
            RawHttp http = new RawHttp("http://127.0.0.1:" + next, null, null);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> http.get("/observe/health/ready").status() == 200);
            assertThat(waitingResults(brokerPort)).as("the last sandbox's result message is not replayed").isZero();
        }
        try (java.util.stream.Stream<Path> state = Files.list(dir.resolve("data/state"))) {
            assertThat(state.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("one journal for every sandbox, emptied at each start, plus the sandboxes' per-API job state")
                    .filteredOn(name -> name.endsWith("broker") || name.equals("sandbox")).containsExactly("sandbox");
        }
    }

    /** The result messages waiting on the embedded broker's deployments.results, browsed over its listener. */
    private static int waitingResults(int brokerPort) throws Exception {
        org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory =
                new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                        "pipeline", "pipeline-password");
        try (factory; jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            java.util.Enumeration<?> messages = session.createBrowser(session.createQueue("deployments.results")).getEnumeration();
            int count = 0;
            while (messages.hasMoreElements()) {
                messages.nextElement();
                count++;
            }
            return count;
        }
    }
}
