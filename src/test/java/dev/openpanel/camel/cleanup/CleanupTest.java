package dev.openpanel.camel.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** Cleanup runs against a simulator seeded with resources of chosen ages. */
class CleanupTest {

    private static final String ORG = SimulatorStore.DEFAULT_ORGANIZATION;
    private static final String TOKEN = "cleanup-test-token";

    @TempDir
    static Path temp;

    private static ManageApiSimulator simulator;
    private static Main main;
    private static ProducerTemplate template;
    private static int port;
    private static Path rules;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        rules = temp.resolve("cleanup.yaml");
        writeRules("rules:\n  - name: nothing yet\n    resource: projects\n    where: { name: \"^nothing-matches-this$\" }\n");
        port = TestMains.freePort();
        Map<String, String> properties = TestMains.simulatorProperties(simulator, temp.resolve("data"));
        properties.put("openpanel.cleanup.rules", rules.toString());
        properties.put("openpanel.cleanup.max-deletes", "3");
        properties.put("openpanel.cleanup.cron", "0 0 3 1 1 ? 2099");
        properties.put("openpanel.intake.token", TOKEN);
        properties.put("openpanel.http.port", String.valueOf(port));
        main = TestMains.start(properties);
        template = main.getCamelContext().createProducerTemplate();
        await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.requests().isEmpty());
    }

    @AfterAll
    static void stop() {
        main.stop();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.behavior().reset();
        simulator.clearRequests();
    }

    @Test
    void aDryRunReportsEveryCandidateOfEachKindAndConditionAndDeletesNothing() throws Exception {
        Seeded seeded = seed("dry");
        CleanupReport report = run(false);

        assertThat(report.mode()).isEqualTo("dry-run");
        assertThat(report.candidates()).extracting(CleanupCandidate::id, CleanupCandidate::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(seeded.oldPreview, "would-delete"),
                org.assertj.core.groups.Tuple.tuple(seeded.oldWriteClient, "would-delete"),
                org.assertj.core.groups.Tuple.tuple(seeded.oldReference, "would-delete"));
        assertThat(report.candidates()).filteredOn(c -> c.id().equals(seeded.oldPreview)).singleElement()
                .satisfies(c -> assertThat(c.rule()).isEqualTo("dry previews"));
        assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
                "GET /manage/projects", "GET /manage/clients", "GET /manage/references");
        JsonNode written = new ObjectMapper().readTree(report.file().toFile());
        assertThat(written.get("mode").asText()).isEqualTo("dry-run");
        assertThat(written.get("candidates")).hasSize(3);
        assertThat(written.get("rules").get(1).get("where").get("type").asText()).isEqualTo("write");
        assertThat(written.get("totals").get("would-delete").asInt()).isEqualTo(3);
    }

    @Test
    void anApplyRunDeletesTheCandidatesAndNothingElse() {
        Seeded seeded = seed("real");
        int projectsBefore = simulator.store().projects().size();
        CleanupReport report = run(true);

        assertThat(report.totals()).containsExactly(Map.entry("deleted", 3));
        assertThat(simulator.store().projects()).hasSize(projectsBefore)
                .filteredOn(p -> p.id().equals(seeded.oldPreview)).singleElement().satisfies(p -> assertThat(p.isSoftDeleted()).isTrue());
        assertThat(simulator.store().projects()).filteredOn(p -> p.isSoftDeleted()).extracting(p -> p.id()).containsExactly(seeded.oldPreview);
        assertThat(simulator.store().clients()).noneMatch(c -> c.id().equals(seeded.oldWriteClient))
                .anyMatch(c -> c.name().equals("real-ci-temp-read")).anyMatch(c -> c.name().equals("real-ci-temp-new"));
        assertThat(simulator.store().references()).noneMatch(r -> r.id().equals(seeded.oldReference)).hasSizeGreaterThan(0);
        assertThat(simulator.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(r -> r.path())
                .containsExactly("/manage/references/" + seeded.oldReference, "/manage/clients/" + seeded.oldWriteClient,
                        "/manage/projects/" + seeded.oldPreview);

        assertThat(run(true).candidates()).as("a deleted project is not a candidate again").isEmpty();
    }

    @Test
    void aRunThatWouldDeleteMoreThanMaxDeletesDeletesNothingAndSaysWhy() {
        writeRules("rules:\n  - name: many\n    resource: clients\n    where: { name: \"^many-\" }\n");
        for (int i = 0; i < 4; i++) {
            simulator.store().addClient(ORG, "many-" + i, "write", null, Instant.now());
        }
        CleanupReport report = run(true);
        assertThat(report.guard()).isEqualTo("nothing was deleted: 4 deletions are more than openpanel.cleanup.max-deletes (3)");
        assertThat(report.candidates()).hasSize(4).allMatch(c -> c.outcome().equals("not-attempted"));
        assertThat(simulator.requests()).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(simulator.store().clients()).filteredOn(c -> c.name().startsWith("many-")).hasSize(4);
    }

    @Test
    void rootClientsAndTheClientTheToolUsesAreProtectedEvenWhenARuleMatchesThem() {
        simulator.store().addClient(ORG, "rootish", "root", null, Instant.now().minus(Duration.ofDays(9)));
        writeRules("rules:\n  - name: everything named root\n    resource: clients\n    where: { name: \"^root\" }\n");
        CleanupReport report = run(true);
        assertThat(report.candidates()).hasSize(2).allMatch(c -> c.outcome().equals("protected"));
        assertThat(report.candidates()).filteredOn(c -> c.id().equals(simulator.rootClient().id())).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("the client this tool authenticates with is never deleted"));
        assertThat(report.candidates()).filteredOn(c -> c.name().equals("rootish")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("root clients are never deleted"));
        assertThat(simulator.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void theDeletesOfOneKindRunAtOnceAndReferencesGoBeforeClients() {
        String home = simulator.store().addProject(ORG, "batch-home", Instant.now());
        String reference = simulator.store().addReference(home, "batch-ref", Instant.parse("2026-01-01T00:00:00Z"), Instant.now());
        for (int i = 0; i < 2; i++) {
            simulator.store().addClient(ORG, "batch-client-" + i, "write", null, Instant.now());
        }
        writeRules("rules:\n  - name: batch clients\n    resource: clients\n    where: { name: \"^batch-client-\" }\n"
                + "  - name: batch reference\n    resource: references\n    where: { name: \"^batch-ref$\", projectId: " + home
                + " }\n");
        simulator.behavior().latency(Duration.ofMillis(200));
        CleanupReport report = run(true);
        simulator.behavior().reset();

        assertThat(report.candidates()).hasSize(3).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("deleted"));
        List<RecordedRequest> deletes = simulator.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        List<Long> clients = deletes.stream().filter(r -> r.path().startsWith("/manage/clients/"))
                .map(RecordedRequest::nanoTime).sorted().toList();
        assertThat(clients).hasSize(2);
        assertThat(Duration.ofNanos(clients.get(1) - clients.get(0)))
                .as("one at a time, two deletes at 200 ms latency would be at least 200 ms apart").isLessThan(Duration.ofMillis(200));
        long referenceDelete = deletes.stream().filter(r -> r.path().equals("/manage/references/" + reference))
                .mapToLong(RecordedRequest::nanoTime).findFirst().orElseThrow();
        assertThat(clients.get(0) - referenceDelete).as("references are deleted before clients").isPositive();
    }

    @Test
    void aRuleMeaningEveryResourceOfItsKindSaysSoWithMatchAll() {
        String doomed = simulator.store().addReference(simulator.store().addProject(ORG, "match-all-home", Instant.now()),
                "anything", Instant.parse("2026-01-01T00:00:00Z"), Instant.now());
        writeRules("rules:\n  - name: every reference\n    resource: references\n    matchAll: true\n");
        CleanupReport report = run(false);
        assertThat(report.error()).isNull();
        assertThat(report.candidates()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(doomed);
            assertThat(c.outcome()).isEqualTo("would-delete");
        });
        writeRules("rules:\n  - name: named\n    resource: references\n    matchAll: true\n    where: { name: \"^anything$\" }\n");
        assertThat(run(false).candidates()).extracting(CleanupCandidate::id).contains(doomed);
    }

    @Test
    void aCandidateSomeoneElseDeletedFirstIsAlreadyGone() {
        simulator.store().addClient(ORG, "gone-soon", "write", null, Instant.now());
        writeRules("rules:\n  - name: gone\n    resource: clients\n    where: { name: \"^gone-soon$\" }\n");
        simulator.behavior().failNext(Fault.answer(404, "{\"status\":404,\"message\":\"Client not found\"}").on("DELETE", "/manage/clients"));
        CleanupReport report = run(true);
        assertThat(report.candidates()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo("already-gone"));
        assertThat(report.hasProblems()).isFalse();
    }

    @Test
    void whenTheApiStaysUnreachableTheRunStopsAndReportsWhatWasNotDone() {
        String a = simulator.store().addClient(ORG, "outage-a", "write", null, Instant.now()).id();
        simulator.store().addClient(ORG, "outage-b", "write", null, Instant.now());
        writeRules("rules:\n  - name: outage\n    resource: clients\n    where: { name: \"^outage-\" }\n");
        // every attempt of both deletes (they run at once; each is tried twice) finds the API unavailable
        for (int attempt = 0; attempt < 4; attempt++) {
            simulator.behavior().failNext(Fault.answer(503, "{}").on("DELETE", null));
        }
        CleanupReport report = run(true);
        assertThat(report.stoppedBecause()).startsWith("the API is unavailable");
        assertThat(report.candidates()).hasSize(2).allMatch(c -> c.outcome().equals("not-attempted"));
        assertThat(simulator.store().clients()).anyMatch(c -> c.id().equals(a));
    }

    @Test
    void aBadRulesFileDeletesNothingAndNamesTheRuleAndTheField() {
        simulator.store().addClient(ORG, "bad-rules-victim", "write", null, Instant.now());
        Map<String, String> broken = Map.of(
                "rules:\n  - name: [unclosed\n", "is not valid YAML",
                "rules:\n  - name: typo\n    resource: clients\n    where: { nmae: \"^bad\" }\n",
                "rule 1 ('typo'), field 'where': unknown key 'nmae' (expected name, olderThan, projectId, type)",
                "rules:\n  - name: regex\n    resource: clients\n    where: { name: \"^bad(\" }\n",
                "rule 1 ('regex'), field 'where.name': not a valid regular expression",
                "rules:\n  - name: ok\n    resource: clients\n    where: { name: x }\n  - name: users\n    resource: users\n    where: { name: \"^bad\" }\n",
                "rule 2 ('users'), field 'resource': unknown resource 'users': expected one of projects, clients, references",
                "rules:\n  - name: all\n    resource: clients\n", "rule 1 ('all'), field 'where': at least one condition is required",
                "rules:\n  - name: empty\n    resource: projects\n    where: { name: \"\" }\n",
                "rule 1 ('empty'), field 'where.name': the pattern '' matches every project's name",
                "rules:\n  - name: dot star\n    resource: clients\n    where: { name: \".*\" }\n",
                "rule 1 ('dot star'), field 'where.name': the pattern '.*' matches every client's name",
                "rules:\n  - name: maybe\n    resource: clients\n    matchAll: yes please\n",
                "rule 1 ('maybe'), field 'matchAll': true or false");
        broken.forEach((yaml, message) -> {
            writeRules(yaml);
            CleanupReport report = run(true);
            assertThat(report.error()).as(yaml).contains(message);
            assertThat(report.candidates()).isEmpty();
            assertThat(Files.exists(report.file())).isTrue();
        });
        assertThat(simulator.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void aCatastrophicPatternIsMatchedInLinearTimeSoTheRunFinishesQuickly() {
        String hostile = simulator.store().addProject(ORG, "a".repeat(64) + "!", Instant.now());
        String matching = simulator.store().addProject(ORG, "catastrophic " + "a".repeat(12), Instant.now());
        writeRules("rules:\n  - name: backtracking bomb\n    resource: projects\n    where: { name: \"(.*a){12}$\" }\n");

        CleanupReport report = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(false));

        assertThat(report.error()).isNull();
        assertThat(report.durationMillis()).isLessThan(5000);
        assertThat(report.candidates()).extracting(CleanupCandidate::id).contains(matching).doesNotContain(hostile);
    }

    @Test
    void aPatternThatNeedsBacktrackingIsRefusedWithTheRulesName() {
        Map<String, String> refused = Map.of(
                "rules:\n  - name: repeated word\n    resource: clients\n    where: { name: \"^(ci)-\\\\1\" }\n",
                "rule 1 ('repeated word'), field 'where.name': not a valid regular expression: invalid escape sequence",
                "rules:\n  - name: all but keep\n    resource: projects\n    where: { name: \"^(?!keep)\" }\n",
                "rule 1 ('all but keep'), field 'where.name': not a valid regular expression: invalid or unsupported Perl syntax");
        refused.forEach((yaml, message) -> {
            writeRules(yaml);
            CleanupReport report = run(true);
            assertThat(report.error()).as(yaml).startsWith(message).endsWith("(RE2 syntax: no backreferences, lookahead or lookbehind)");
            assertThat(report.candidates()).isEmpty();
        });
    }

    @Test
    void onDemandRunsNeedTheTokenAnswer202WithTheRunIdAndTwoOverlappingTriggersMakeOneRun() throws Exception {
        writeRules("rules:\n  - name: on demand\n    resource: projects\n    where: { name: \"^nothing-matches-this$\" }\n");
        RawHttp anonymous = new RawHttp("http://127.0.0.1:" + port, null, null);
        RawHttp.Answer refused = anonymous.send("POST", "/jobs/cleanup", null, null);
        assertThat(refused.status()).isEqualTo(401);

        simulator.behavior().latency(Duration.ofMillis(1500));
        RawHttp.Answer started = authorized("POST", "/jobs/cleanup");
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().get("runId").asText();
        assertThat(started.json().get("mode").asText()).isEqualTo("dry-run");

        RawHttp.Answer overlapping = authorized("POST", "/jobs/cleanup");
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.json().get("runId").asText()).isEqualTo(runId);
        assertThatThrownBy(() -> run(false)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(CleanupInProgressException.class);

        Path report = temp.resolve("data/reports/cleanup-" + runId + ".json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));
        assertThat(new ObjectMapper().readTree(report.toFile()).get("trigger").asText()).isEqualTo("http");
        simulator.behavior().reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> authorized("POST", "/jobs/cleanup").status() == 202);
    }

    @Test
    void aRulesFileThatBecomesUnusableIsRefusedWith422AndNamedByReadinessUntilItIsFixed() throws Exception {
        writeRules("rules:\n  - name: typo\n    resource: clients\n    where: { nmae: \"^bad\" }\n");
        RawHttp.Answer refused = authorized("POST", "/jobs/cleanup");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("message").asText()).isEqualTo("the cleanup rules file " + rules + " cannot be used: "
                + "rule 1 ('typo'), field 'where': unknown key 'nmae' (expected name, olderThan, projectId, type)");
        RawHttp health = new RawHttp("http://127.0.0.1:" + port, null, null);
        RawHttp.Answer ready = health.get("/observe/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).contains("cleanup-rules").contains("rule 1 ('typo'), field 'where': unknown key 'nmae'");
        double invalidBefore = runsCounted("rules-invalid");
        double completedBefore = runsCounted("completed");
        CleanupReport refusedRun = run(true);
        assertThat(refusedRun.rulesInvalid()).isTrue();
        assertThat(refusedRun.error()).contains("rule 1 ('typo'), field 'where': unknown key 'nmae'");
        assertThat(simulator.requests()).as("a refused run spends nothing").isEmpty();

        writeRules("rules:\n  - name: fixed\n    resource: clients\n    where: { name: \"^nothing-matches-this$\" }\n");
        assertThat(health.get("/observe/health/ready").status()).isEqualTo(200);
        RawHttp.Answer started = authorized("POST", "/jobs/cleanup");
        assertThat(started.status()).isEqualTo(202);
        Path report = temp.resolve("data/reports/cleanup-" + started.json().get("runId").asText() + ".json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));
        assertThat(new ObjectMapper().readTree(report.toFile()).get("rules").get(0).get("name").asText()).isEqualTo("fixed");
        await().atMost(Duration.ofSeconds(10)).until(() -> runsCounted("completed") == completedBefore + 1);
        assertThat(runsCounted("rules-invalid")).isEqualTo(invalidBefore + 1);
    }

    /** openpanel_cleanup_runs_total of the outcome, scraped over HTTP; 0 before the first. */
    private static double runsCounted(String outcome) {
        String metrics = new RawHttp("http://127.0.0.1:" + port, null, null).get("/observe/metrics").body();
        java.util.regex.Matcher sample = java.util.regex.Pattern.compile("(?m)^openpanel_cleanup_runs_total\\{outcome=\""
                + java.util.regex.Pattern.quote(outcome) + "\"\\} ([0-9.eE+-]+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    /** A request with the intake token in the Authorization header. */
    private static RawHttp.Answer authorized(String method, String path) {
        return RawHttp.bearer("http://127.0.0.1:" + port, TOKEN).send(method, path, null, null);
    }

    private static CleanupReport run(boolean apply) {
        return template.requestBodyAndHeader("direct:cleanup-run", null, CleanupRuns.APPLY, apply, CleanupReport.class);
    }

    private static void writeRules(String yaml) {
        try {
            Files.writeString(rules, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Seeds resources of chosen ages, all named with the prefix, and writes rules for them. */
    private static Seeded seed(String prefix) {
        SimulatorStore store = simulator.store();
        Instant now = Instant.now();
        String oldPreview = store.addProject(ORG, prefix + "-preview-old", now.minus(Duration.ofDays(20)));
        store.addProject(ORG, prefix + "-preview-new", now.minus(Duration.ofDays(2)));
        store.addProject(ORG, prefix + "-prod-old", now.minus(Duration.ofDays(30)));
        String oldWrite = store.addClient(ORG, prefix + "-ci-temp-old", "write", null, now.minus(Duration.ofDays(2))).id();
        store.addClient(ORG, prefix + "-ci-temp-read", "read", null, now.minus(Duration.ofDays(2)));
        store.addClient(ORG, prefix + "-ci-temp-new", "write", null, now.minus(Duration.ofHours(1)));
        String home = store.addProject(ORG, prefix + "-home", now);
        String other = store.addProject(ORG, prefix + "-other", now);
        String oldReference = store.addReference(home, "old deploy", now.minus(Duration.ofDays(40)), now);
        store.addReference(other, "old deploy", now.minus(Duration.ofDays(40)), now);
        store.addReference(home, "old but recent", now.minus(Duration.ofDays(1)), now);
        writeRules("rules:\n"
                + "  - name: " + prefix + " previews\n    resource: projects\n    where:\n      name: \"^" + prefix + "-preview-\"\n      olderThan: 14d\n"
                + "  - name: " + prefix + " ci clients\n    resource: clients\n    where: { name: \"^" + prefix + "-ci-temp-\", type: write, olderThan: 1d }\n"
                + "  - name: " + prefix + " old references\n    resource: references\n    where: { name: \"^old\", projectId: " + home
                + ", olderThan: 30d }\n");
        simulator.clearRequests();
        return new Seeded(oldPreview, oldWrite, oldReference);
    }

    private record Seeded(String oldPreview, String oldWriteClient, String oldReference) {
    }
}
