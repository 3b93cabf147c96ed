package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.ServiceProcess;

/** The {@code import}, {@code provision} and {@code cleanup} commands, run as real processes against the simulator. */
class JobCommandsTest extends CommandProcessTest {

    private static final String SECRET_PATTERN = "sec_[0-9a-f]{20}";

    @Test
    void importWritesTheSameOutputsAsTheInboxAndExits1WhenARowFailed() throws Exception {
        Path csv = dir.resolve("cli-batch.csv");
        Files.writeString(csv, "name,domain\nCli One,https://one.example\nCli Two,not a url\nCli Three,\n");

        ServiceProcess.Completed plan = ServiceProcess.run(dir, environment(), TIMEOUT, "import", csv.toString(), "--kind",
                "projects", "--dry-run");
        assertThat(plan.exitCode()).as(plan.stderr()).isEqualTo(1);
        assertThat(plan.stdout()).contains("cli-batch.csv (projects): 3 rows: 2 would-create, 1 failed (dry run: nothing was changed)");
        assertThat(simulator.store().projects()).noneMatch(p -> p.name().startsWith("Cli "));

        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "import", csv.toString(), "--kind", "projects");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).contains("cli-batch.csv (projects): 3 rows: 2 created, 1 failed")
                .contains("results: " + dir.resolve("data/outbox/cli-batch.results.csv"))
                .contains("errors:  " + dir.resolve("data/errors/cli-batch.errors.csv"))
                .contains("secrets: " + dir.resolve("data/secrets/cli-batch.secrets.csv"));
        assertThat(run.stdout() + run.stderr()).doesNotContainPattern(SECRET_PATTERN);
        assertThat(Files.readAllLines(dir.resolve("data/outbox/cli-batch.results.csv"))).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("data/secrets/cli-batch.secrets.csv"))).hasSize(3);
        assertThat(simulator.store().projects()).filteredOn(p -> p.name().startsWith("Cli ")).hasSize(2);
        assertThat(Files.exists(csv)).as("the command leaves the file where it is").isTrue();

        ServiceProcess.Completed json = ServiceProcess.run(dir, environment(), TIMEOUT, "import", csv.toString(), "--kind",
                "projects", "--json");
        JsonNode summary = new ObjectMapper().readTree(json.stdout());
        assertThat(summary.get("alreadyImported").asBoolean()).as("the same content is not imported twice").isTrue();
        assertThat(summary.get("statuses").get("created").asInt()).isEqualTo(2);
    }

    @Test
    void importOfAnEntirelyValidFileExits0AndABadKindExits2() throws Exception {
        String project = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Refs Home", Instant.now());
        Path csv = dir.resolve("cli-refs.csv");
        Files.writeString(csv, "projectId;title;datetime\n" + project + ";Deploy 1;2026-11-22\n");
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "import", csv.toString(), "--kind", "references");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("cli-refs.csv (references): 1 rows: 1 created");

        ServiceProcess.Completed bad = ServiceProcess.run(dir, environment(), TIMEOUT, "import", csv.toString(), "--kind", "users");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--kind: unknown import kind 'users'").contains("Usage: openpanel-camel import");
        ServiceProcess.Completed missing = ServiceProcess.run(dir, environment(), TIMEOUT, "import", "nowhere.csv", "--kind", "projects");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("FILE: nowhere.csv is not a file");
    }

    @Test
    void importWithAWrongSecretExits3AndLeavesNoRowFailed() throws Exception {
        Path csv = dir.resolve("cli-locked.csv");
        Files.writeString(csv, "name\nCli Locked\n");
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_CLIENT_SECRET", "sec_00000000000000000000");
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment, TIMEOUT, "import", csv.toString(), "--kind", "projects");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("OpenPanel refused the credentials").doesNotContain("sec_00000000000000000000");
        assertThat(dir.resolve("data/outbox/cli-locked.results.csv")).doesNotExist();
    }

    @Test
    void provisionMakesTheEventsResourcesKeepsSecretsOffTheTerminalAndAnswersARepeatFromItsRecord() throws Exception {
        Path event = dir.resolve("deploy-cli.json");
        Files.writeString(event, "{\"eventId\":\"cli-deploy-1\",\"project\":{\"name\":\"cli-shop\",\"domain\":\"https://cli.example\"},"
                + "\"clients\":[{\"name\":\"cli reader\",\"type\":\"read\"}],\"reference\":{\"title\":\"Deploy 1\",\"datetime\":\"2026-11-22\"}}");

        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "provision", event.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String secretsFile = "secrets: " + dir.resolve("data/secrets").toString();
        assertThat(run.stdout()).contains("Event cli-deploy-1: project cli-shop created; clients: 1 created, 0 unchanged; reference created")
                .contains(secretsFile);
        assertThat(run.stdout() + run.stderr()).doesNotContainPattern(SECRET_PATTERN);
        List<String> secrets = Files.readAllLines(Path.of(run.stdout().replaceAll("(?s).*secrets: (\\S+).*", "$1")));
        assertThat(secrets).hasSize(3).first().isEqualTo("clientId,projectId,clientType,clientSecret");

        int callsBefore = simulator.requests().size();
        ServiceProcess.Completed again = ServiceProcess.run(dir, environment(), TIMEOUT, "provision", event.toString(), "--json");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        JsonNode result = new ObjectMapper().readTree(again.stdout());
        assertThat(result.get("repeated").asBoolean()).isTrue();
        assertThat(result.at("/project/id").asText()).isEqualTo("cli-shop");
        assertThat(again.stdout()).doesNotContainPattern(SECRET_PATTERN);
        assertThat(simulator.requests()).as("a repeated event makes no API call").hasSize(callsBefore);
    }

    @Test
    void provisionOfAnInvalidEventExits1WithEveryProblemAndAWrongSecretExits3() throws Exception {
        Path invalid = dir.resolve("invalid.json");
        Files.writeString(invalid, "{\"eventId\":\"cli-bad\",\"project\":{\"name\":\"\"},\"clients\":[{\"type\":\"root\"}]}");
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "provision", invalid.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("invalid deployment event: project.name: must not be empty; clients[0].name: is required");

        Path valid = dir.resolve("locked.json");
        Files.writeString(valid, "{\"eventId\":\"cli-locked\",\"project\":{\"name\":\"cli-locked\"}}");
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_CLIENT_SECRET", "sec_00000000000000000000");
        ServiceProcess.Completed locked = ServiceProcess.run(dir, environment, TIMEOUT, "provision", valid.toString());
        assertThat(locked.exitCode()).isEqualTo(3);
        assertThat(locked.stderr()).contains("OpenPanel refused the credentials");
    }

    @Test
    void cleanupIsADryRunUnlessApplyAndABadRulesFileExits2() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(30));
        String preview = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "cli-preview-1", old);
        Path rules = dir.resolve("cli-cleanup.yaml");
        Files.writeString(rules, "rules:\n  - name: cli previews\n    resource: projects\n    where: { name: \"^cli-preview-\", olderThan: 14d }\n");
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_CLEANUP_RULES", rules.toString());

        ServiceProcess.Completed dry = ServiceProcess.run(dir, environment, TIMEOUT, "cleanup");
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains("(dry-run): 1 candidates (1 would-delete)");
        assertThat(simulator.store().projects()).filteredOn(p -> p.id().equals(preview)).singleElement()
                .satisfies(p -> assertThat(p.isSoftDeleted()).isFalse());

        ServiceProcess.Completed apply = ServiceProcess.run(dir, environment, TIMEOUT, "cleanup", "--apply", "--json");
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(apply.stdout());
        assertThat(report.get("mode").asText()).isEqualTo("apply");
        assertThat(report.get("trigger").asText()).isEqualTo("command");
        assertThat(report.get("totals").get("deleted").asInt()).isEqualTo(1);
        assertThat(simulator.store().projects()).filteredOn(p -> p.id().equals(preview)).singleElement()
                .satisfies(p -> assertThat(p.isSoftDeleted()).isTrue());

        Files.writeString(rules, "rules:\n  - name: broken\n    resource: projects\n    where: { name: \"([\" }\n");
        ServiceProcess.Completed bad = ServiceProcess.run(dir, environment, TIMEOUT, "cleanup", "--apply");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stdout()).contains("did nothing").contains("broken");
    }

    @Test
    void everyJobCommandHasHelpWithExamples() {
        for (String command : List.of("import", "provision", "cleanup")) {
            ServiceProcess.Completed help = ServiceProcess.run(dir, environment(), TIMEOUT, command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.stdout()).as(command).contains("Usage: openpanel-camel " + command).contains("Examples:")
                    .contains("Exit codes:");
        }
    }
}
