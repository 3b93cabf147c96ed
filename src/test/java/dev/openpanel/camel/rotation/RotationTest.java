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

import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/**
 * The rotation route in the application against the simulator over HTTP: a project client is replaced by a new one
 * with the same name, type and project, whose secret is delivered in a 0600 file; the old client keeps working for
 * the grace and is deleted after it (by the sweep) or at once; a lost create answer never leaves a client whose
 * secret nobody has; the tool's own client is refused, and every pass that did something is in a report.
 */
class RotationTest {

    private static final String NON_ROOT_ANSWER = "Manage: Only root clients are allowed to manage resources";

    @TempDir
    Path temp;

    private ManageApiSimulator simulator;
    private Main main;
    private String projectId;
    private SimulatorStore.SeededClient old;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        projectId = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Rotating Shop", Instant.parse("2026-01-01T00:00:00Z"));
        old = simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "shop dashboards", "read", projectId,
                Instant.parse("2026-01-02T00:00:00Z"));
    }

    @AfterEach
    void stop() throws Exception {
        if (main != null) {
            main.stop();
        }
        simulator.close();
    }

    private void startApplication(Map<String, String> extra) {
        Map<String, String> properties = TestMains.simulatorProperties(simulator, temp.resolve("data"));
        properties.put("camel.server.host", "127.0.0.1");
        properties.putAll(extra);
        main = TestMains.start(properties);
    }

    private Exchange rotate(String clientId, boolean now) {
        return main.getCamelContext().createProducerTemplate().request("direct:rotate-client", exchange -> {
            exchange.getIn().setHeader(Rotations.CLIENT_ID, clientId);
            exchange.getIn().setHeader(Rotations.NOW, now);
        });
    }

    @Test
    void aClientIsReplacedByOneWithTheSameNameTypeAndProjectAndTheOldOneWorksUntilItIsDeleted() throws Exception {
        startApplication(Map.of("openpanel.rotation.grace", "24h"));

        Exchange first = rotate(old.id(), false);
        assertThat(first.getException()).isNull();
        RotationResult result = first.getMessage().getBody(RotationResult.class);
        assertThat(result.status()).isEqualTo(RotationResult.ROTATED);
        assertThat(result.oldDeleteAt()).isAfter(Instant.now().plus(Duration.ofHours(23)));
        SimClient replacement = client(result.newClientId());
        assertThat(replacement.name()).isEqualTo("shop dashboards");
        assertThat(replacement.type()).isEqualTo("read");
        assertThat(replacement.projectId()).isEqualTo(projectId);
        assertThat(client(old.id()).name()).as("the old client says it is being replaced")
                .startsWith("shop dashboards (rotated ").endsWith(")");

        Path secrets = Path.of(result.secretsFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(secrets);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("clientId,projectId,clientType,clientSecret");
        assertThat(lines.get(1)).startsWith(result.newClientId() + "," + projectId + ",read,sec_");
        String newSecret = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
        assertThat(usable(result.newClientId(), newSecret)).as("the new secret works").isTrue();
        assertThat(usable(old.id(), old.secret())).as("the old secret works during the grace").isTrue();

        JsonNode report = onlyReport();
        assertThat(report.at("/rotations/0/oldClientId").asText()).isEqualTo(old.id());
        assertThat(report.at("/rotations/0/newClientId").asText()).isEqualTo(result.newClientId());
        assertThat(report.toString()).doesNotContain(newSecret).doesNotContain(old.secret());

        int writes = simulator.received("POST") + simulator.received("PATCH") + simulator.received("DELETE");
        Exchange again = rotate(old.id(), false);
        assertThat(again.getMessage().getBody(RotationResult.class).status()).isEqualTo(RotationResult.REPEATED);
        assertThat(simulator.received("POST") + simulator.received("PATCH") + simulator.received("DELETE"))
                .as("asking again changes nothing").isEqualTo(writes);

        Exchange now = rotate(old.id(), true);
        RotationResult completed = now.getMessage().getBody(RotationResult.class);
        assertThat(completed.status()).isEqualTo(RotationResult.COMPLETED);
        assertThat(completed.newClientId()).isEqualTo(result.newClientId());
        assertThat(simulator.store().clients()).extracting(SimClient::id).doesNotContain(old.id()).contains(result.newClientId());
        assertThat(usable(result.newClientId(), newSecret)).isTrue();
    }

    @Test
    void theSweepDeletesTheOldClientOnceItsGraceIsOver() {
        startApplication(Map.of("openpanel.rotation.grace", "1s", "openpanel.rotation.check-interval", "200"));
        RotationResult result = rotate(old.id(), false).getMessage().getBody(RotationResult.class);
        assertThat(result.status()).isEqualTo(RotationResult.ROTATED);
        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.store().clients().stream().noneMatch(c -> c.id().equals(old.id())));
        assertThat(simulator.store().clients()).extracting(SimClient::id).contains(result.newClientId());
        await().atMost(Duration.ofSeconds(5)).until(() -> reports().size() == 2);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsDeletedAndMadeAgainSoNoClientIsLeftWithoutItsSecret() throws Exception {
        startApplication(Map.of("openpanel.rotation.grace", "24h"));
        simulator.behavior().failNext(Fault.dropAfterHandling().on("POST", "/manage/clients"));

        RotationResult result = rotate(old.id(), false).getMessage().getBody(RotationResult.class);

        assertThat(result.discarded()).isEqualTo(1);
        List<SimClient> named = simulator.store().clients().stream().filter(c -> c.name().equals("shop dashboards")).toList();
        assertThat(named).as("the client whose secret was lost is gone; one replacement remains").extracting(SimClient::id)
                .containsExactly(result.newClientId());
        String line = Files.readAllLines(Path.of(result.secretsFile())).get(1);
        assertThat(usable(result.newClientId(), line.substring(line.lastIndexOf(',') + 1))).isTrue();
        assertThat(usable(old.id(), old.secret())).isTrue();
    }

    @Test
    void aRotationTheApiRefusesForGoodIsRecordedFailedAndTheSweepLeavesItTheOldClientWorking() {
        startApplication(Map.of("openpanel.rotation.grace", "24h"));
        simulator.behavior().failNext(Fault.answer(400, "{\"error\":\"Bad Request\",\"message\":\"Invalid project\",\"statusCode\":400}")
                .on("POST", "/manage/clients"));

        Exchange refused = rotate(old.id(), false);

        assertThat(refused.getException()).hasMessageContaining("400").hasMessageContaining("Invalid project");
        RotationSweep sweep = main.getCamelContext().getRegistry().lookupByNameAndType(RotationSweep.BEAN, RotationSweep.class);
        assertThat(sweep.due()).as("a rotation that failed for good is not resumed by the sweep").isEmpty();
        assertThat(usable(old.id(), old.secret())).isTrue();

        Exchange again = rotate(old.id(), false);
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getBody(RotationResult.class).status()).isEqualTo(RotationResult.ROTATED);
    }

    @Test
    void theToolsOwnClientIsRefusedAndRotateRootWithoutFilesSaysWhatToSet() {
        startApplication(Map.of());
        Exchange own = rotate(simulator.rootClient().id(), false);
        assertThat(own.getException()).isInstanceOf(RotationRefusedException.class)
                .hasMessageContaining("is the one this tool authenticates with: rotate it with 'rotate root'");
        Exchange root = main.getCamelContext().createProducerTemplate().request("direct:rotate-client",
                exchange -> exchange.getIn().setHeader(Rotations.ROOT, true));
        assertThat(root.getException()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("OPENPANEL_CLIENT_ID_FILE and OPENPANEL_CLIENT_SECRET_FILE");
        assertThat(simulator.received("POST")).isZero();
    }

    @Test
    void theRulesReportWhatTheyWouldRotateByDefaultRotateWithApplyAndRotateNoneBeyondTheLimit() throws Exception {
        Path rules = Files.writeString(temp.resolve("rotation.yaml"), "rules:\n  - name: old CI clients\n    resource: clients\n"
                + "    where: { name: \"^ci-\", olderThan: 30d }\n");
        SimulatorStore.SeededClient ci = simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "ci-deployer", "write", projectId,
                Instant.now().minus(Duration.ofDays(40)));
        simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "ci-fresh", "write", projectId, Instant.now());
        startApplication(Map.of("openpanel.rotation.rules", rules.toString(), "openpanel.rotation.max-rotations", "1"));

        RotationRunReport dry = runRules(null);
        assertThat(dry.mode()).isEqualTo("dry-run");
        assertThat(dry.candidates()).extracting(RotationCandidate::clientId, RotationCandidate::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ci.id(), RotationCandidate.WOULD_ROTATE));
        assertThat(simulator.received("POST") + simulator.received("PATCH")).isZero();
        assertThat(Path.of(dry.report())).exists();

        simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "ci-other", "read", projectId, Instant.now().minus(Duration.ofDays(50)));
        RotationRunReport guarded = runRules(true);
        assertThat(guarded.guard()).contains("2 clients matched, more than openpanel.rotation.max-rotations (1)");
        assertThat(guarded.candidates()).extracting(RotationCandidate::outcome).containsOnly(RotationCandidate.SKIPPED);
        assertThat(simulator.received("POST") + simulator.received("PATCH")).isZero();
        simulator.store().removeClient(simulator.store().clients().stream().filter(c -> c.name().equals("ci-other")).findFirst().orElseThrow().id());

        int reportsBefore = reports().size();
        RotationRunReport applied = runRules(true);
        assertThat(applied.mode()).isEqualTo("apply");
        RotationCandidate rotated = applied.candidates().get(0);
        assertThat(rotated.outcome()).isEqualTo(RotationCandidate.ROTATED);
        assertThat(client(rotated.newClientId()).name()).isEqualTo("ci-deployer");
        assertThat(reports()).as("one report for the run, none per rotation").hasSize(reportsBefore + 1);

        RotationRunReport again = runRules(true);
        assertThat(again.candidates()).extracting(RotationCandidate::clientId, RotationCandidate::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ci.id(), RotationCandidate.BEING_ROTATED));
    }

    @Test
    void aServiceDoesNotStartWithRotationRulesItCannotUse() throws Exception {
        Path rules = Files.writeString(temp.resolve("rotation.yaml"), "rules:\n  - name: projects\n    resource: projects\n"
                + "    where: { name: \"^x\" }\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startApplication(Map.of("openpanel.rotation.rules", rules.toString())))
                .hasMessageContaining("the rotation rules file " + rules + " (openpanel.rotation.rules) cannot be used: rule 'projects'")
                .hasMessageContaining("rotation rules rotate clients, so the resource is clients, got projects");
    }

    private RotationRunReport runRules(Boolean apply) {
        Exchange answer = main.getCamelContext().createProducerTemplate().request("direct:rotation-rules-run", exchange -> {
            if (apply != null) {
                exchange.getIn().setHeader(RotationRuns.APPLY, apply);
            }
        });
        assertThat(answer.getException()).isNull();
        return answer.getMessage().getBody(RotationRunReport.class);
    }

    private SimClient client(String id) {
        return simulator.store().clients().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private boolean usable(String clientId, String secret) {
        RawHttp.Answer answer = new RawHttp(simulator.url(), clientId, secret).get("/manage/projects");
        return answer.status() == 200 || NON_ROOT_ANSWER.equals(answer.json().path("message").asText());
    }

    private List<Path> reports() throws Exception {
        try (var files = Files.list(temp.resolve("data/reports"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("rotation-")).sorted().toList();
        }
    }

    private JsonNode onlyReport() throws Exception {
        List<Path> reports = reports();
        assertThat(reports).hasSize(1);
        return new ObjectMapper().readTree(reports.get(0).toFile());
    }
}
