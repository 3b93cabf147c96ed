package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;

/** The {@code api} command and the command line's usage, run as real processes against the simulator. */
class ApiCommandTest extends CommandProcessTest {

    @Test
    void listPrintsTheApisJsonOnStdoutAndExits0() throws Exception {
        String id = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Listed By Cli", Instant.now());
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "list");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode projects = new ObjectMapper().readTree(run.stdout());
        assertThat(projects.findValuesAsText("id")).contains(id);
        assertThat(run.stderr()).doesNotContain(simulator.rootClient().secret());
    }

    @Test
    void createPrintsTheSecretMaskedAndWritesItToAPrivateSecretsFile() throws Exception {
        String project = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Cli Home", Instant.now());
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "clients", "create",
                "--data", "{\"name\":\"cli reader\",\"projectId\":\"" + project + "\",\"type\":\"read\"}");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode created = new ObjectMapper().readTree(run.stdout());
        assertThat(created.get("secret").asText()).isEqualTo("[secret]");
        assertThat(run.stdout() + run.stderr()).doesNotContainPattern("sec_[0-9a-f]{20}");

        Path secrets = Files.list(dir.resolve("data/secrets")).filter(p -> p.getFileName().toString().startsWith("api-"))
                .findFirst().orElseThrow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        String[] line = Files.readAllLines(secrets).get(1).split(",");
        assertThat(line[0]).isEqualTo(created.get("client").get("id").asText());
        RawHttp.Answer asThatClient = new RawHttp(simulator.url(), line[0], line[1]).get("/manage/projects");
        assertThat(asThatClient.json().get("message").asText()).as("the written secret is the client's real one")
                .isEqualTo("Manage: Only root clients are allowed to manage resources");
    }

    @Test
    void aProjectNameTheServerWouldGiveTheEmptyIdIsRefusedUnlessForced() {
        String data = "{\"name\":\"\\u65e5\\u672c\\u8a9e\\u306e\\u30d7\\u30ed\\u30b8\\u30a7\\u30af\\u30c8\"}";
        ServiceProcess.Completed refused = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "create", "--data", data);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("Refused: the project name '日本語のプロジェクト' would get an empty id")
                .contains("cannot be updated or deleted through the API").contains("--force");
        assertThat(simulator.store().projects()).noneMatch(p -> p.name().equals("日本語のプロジェクト"));

        ServiceProcess.Completed forced = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "create", "--data", data,
                "--force");
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(simulator.store().projects()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("日本語のプロジェクト");
            assertThat(p.id()).matches("|\\d{4}");
        });
    }

    @Test
    void anUnknownIdExits1WithTheApisMessage() {
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "get", "--id", "missing");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Project not found");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aBadArgumentExits2WithTheAcceptedValuesAndTheUsage() {
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "projects", "frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("unknown OpenPanel operation 'frobnicate': expected one of list, get, create, update, delete")
                .contains("Usage: openpanel-camel api");
        ServiceProcess.Completed unknownCommand = ServiceProcess.run(dir, environment(), TIMEOUT, "deploy");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
    }

    @Test
    void aWrongSecretExits3AndNamesTheRefusal() {
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_CLIENT_SECRET", "sec_00000000000000000000");
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment, TIMEOUT, "api", "projects", "list");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("OpenPanel refused the credentials").contains("Manage: Invalid client secret")
                .doesNotContain("sec_00000000000000000000");
    }

    @Test
    void anUnreachableApiExits3() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_API_URL", "http://127.0.0.1:" + closed);
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment, TIMEOUT, "api", "projects", "list");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("OpenPanel API unavailable");
    }

    @Test
    void camelComponentOptionsOfAConfigDirectoryConfigureTheComponentAsUnderCamelMain() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path config = Files.createDirectories(temp.resolve("component-options"));
        Files.writeString(config.resolve("application.properties"), Files.readString(dir.resolve("config/application.properties"))
                + "\ncamel.component.openpanel.api-url = " + simulator.url() + "\n");
        Map<String, String> environment = environment();
        environment.put("OPENPANEL_API_URL", "http://127.0.0.1:" + closed);
        ServiceProcess.Completed run = ServiceProcess.run(dir, environment, TIMEOUT, "--config", config.toString(), "api",
                "projects", "list");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(run.stdout()).isArray()).isTrue();
    }

    @Test
    void helpListsTheCommandsExitCodesAndExamples() {
        ServiceProcess.Completed help = ServiceProcess.run(dir, environment(), TIMEOUT, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("run ").contains("api ").contains("Exit codes: 0 success, 1 some rows");
        ServiceProcess.Completed apiHelp = ServiceProcess.run(dir, environment(), TIMEOUT, "api", "--help");
        assertThat(apiHelp.exitCode()).isZero();
        assertThat(apiHelp.stdout()).contains("Examples:").contains("api projects list");
    }
}
