package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/** The jar runs from any directory with its packaged defaults, and a configuration directory replaces them. */
class ConfigDirectoryTest extends CommandProcessTest {

    @Test
    void fromADirectoryWithoutConfigOrRoutesTheCommandsAndTheServiceUseThePackagedDefaults() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("anywhere"));
        ServiceProcess.Completed list = ServiceProcess.run(empty, environment(), TIMEOUT, "api", "projects", "list");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout().strip()).startsWith("[");

        Map<String, String> environment = environment();
        int port = TestMains.freePort();
        environment.put("OPENPANEL_HTTP_PORT", String.valueOf(port));
        environment.put("OPENPANEL_INTAKE_TOKEN", "packaged");
        try (ServiceProcess service = ServiceProcess.start(empty, environment)) {
            RawHttp anonymous = new RawHttp("http://127.0.0.1:" + port, null, null);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> anonymous.get("/observe/health/ready").status() == 200);
            RawHttp.Answer cleanup = RawHttp.bearer("http://127.0.0.1:" + port, "packaged").send("POST", "/jobs/cleanup", null, null);
            assertThat(cleanup.status()).as("the packaged cleanup route, with the packaged rules").isEqualTo(202);
            assertThat(Files.isDirectory(empty.resolve("data/inbox/projects"))).as("the packaged import routes watch the inboxes")
                    .isTrue();
        }
    }

    @Test
    void aConfigDirectoryGivenByOptionOrEnvironmentReplacesThePackagedPropertiesAndRoutes() throws Exception {
        Path config = Files.createDirectories(temp.resolve("team-config"));
        Files.writeString(config.resolve("application.properties"), Files.readString(Path.of("config/application.properties"))
                + "\nopenpanel.intake.token = from-the-directory\nteam.greeting = hello from the config directory\n");
        Files.createDirectories(config.resolve("routes"));
        Files.writeString(config.resolve("routes/hello.camel.yaml"), "- route:\n    id: hello\n    from:\n"
                + "      uri: platform-http:/hello\n      steps:\n        - setBody:\n            constant: \"{{team.greeting}}\"\n");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

        for (boolean option : new boolean[] { true, false }) {
            Map<String, String> environment = environment();
            int port = TestMains.freePort();
            environment.put("OPENPANEL_HTTP_PORT", String.valueOf(port));
            if (!option) {
                environment.put("OPENPANEL_CONFIG_DIR", config.toString());
            }
            String[] arguments = option ? new String[] { "run", "--config", config.toString() } : new String[] { "run" };
            try (ServiceProcess service = ServiceProcess.start(elsewhere, environment, arguments)) {
                RawHttp http = new RawHttp("http://127.0.0.1:" + port, null, null);
                await().atMost(TIMEOUT).ignoreExceptions().until(() -> http.get("/observe/health/ready").status() == 200);
                assertThat(http.get("/hello").body()).as(option ? "--config" : "OPENPANEL_CONFIG_DIR")
                        .isEqualTo("hello from the config directory");
                assertThat(RawHttp.bearer("http://127.0.0.1:" + port, "from-the-directory").send("POST", "/jobs/cleanup", null, null)
                        .status()).as("its routes/ replaced the packaged ones: no cleanup route").isEqualTo(404);
            }
        }

        ServiceProcess.Completed first = ServiceProcess.run(elsewhere, environment(), TIMEOUT, "--config", config.toString(), "api",
                "projects", "list");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout().strip()).as("the option before the command: still a one-shot, its log on stderr")
                .startsWith("[").doesNotContain(" INFO ").doesNotContain(" WARN ");

        ServiceProcess.Completed missing = ServiceProcess.run(elsewhere, Map.of("OPENPANEL_CONFIG_DIR", "no-such-dir"), TIMEOUT,
                "api", "projects", "list");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("openpanel-camel cannot start: the configuration directory no-such-dir"
                + " (--config, OPENPANEL_CONFIG_DIR) is not a directory.");
    }
}
