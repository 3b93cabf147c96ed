package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;

/** The service as a user starts it: a separate JVM, the project's config, settings from the environment. */
class ServiceStartupTest {

    private static final String UUID = "2f0b3c5e-8d1a-4c7b-9e6f-0a1b2c3d4e5f";

    @TempDir
    Path temp;

    @Test
    void withoutAnApiUrlItStartsInSandboxModeSaysSoAndServesTheSimulatorWithTheCredentialsItWroteSafely() throws Exception {
        Path dir = ServiceProcess.workingDirectory(temp);
        try (ServiceProcess service = ServiceProcess.start(dir, Map.of("OPENPANEL_API_URL", ""))) {
            String output = service.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), Duration.ofSeconds(60));
            assertThat(output).contains("SANDBOX MODE").contains("nothing here touches a real OpenPanel");
            Matcher url = Pattern.compile("simulator at (http://127\\.0\\.0\\.1:\\d+)/manage").matcher(output);
            assertThat(url.find()).isTrue();
            Matcher id = Pattern.compile("root client id is ([0-9a-f-]{36})").matcher(output);
            assertThat(id.find()).isTrue();

            Path secrets = dir.resolve("data/secrets");
            Path credentials = secrets.resolve(SandboxMode.CREDENTIALS_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            Properties sandbox = new Properties();
            try (var in = Files.newBufferedReader(credentials)) {
                sandbox.load(in);
            }
            assertThat(sandbox.getProperty("client-id")).isEqualTo(id.group(1));
            assertThat(output).doesNotContain(sandbox.getProperty("client-secret"));

            RawHttp.Answer projects = new RawHttp(url.group(1), sandbox.getProperty("client-id"),
                    sandbox.getProperty("client-secret")).get("/manage/projects");
            assertThat(projects.status()).isEqualTo(200);
            assertThat(projects.header("x-ratelimit-limit")).isEqualTo("20");
        }
    }

    @Test
    void aClientIdThatIsNotAUuidStopsStartUpWithOneSentence() {
        assertRefused(Map.of("OPENPANEL_API_URL", "https://api.example.com", "OPENPANEL_CLIENT_ID", "my-client",
                "OPENPANEL_CLIENT_SECRET", "sec_x"),
                "openpanel-camel cannot start: openpanel.client-id (OPENPANEL_CLIENT_ID) must be a UUID in lower case");
    }

    @Test
    void aMissingSecretOutsideSandboxModeStopsStartUp() {
        assertRefused(Map.of("OPENPANEL_API_URL", "https://api.example.com", "OPENPANEL_CLIENT_ID", UUID),
                "openpanel-camel cannot start: openpanel.client-secret (OPENPANEL_CLIENT_SECRET) is required when openpanel.api-url is set.");
    }

    @Test
    void plainHttpToARemoteHostStopsStartUp() {
        assertRefused(Map.of("OPENPANEL_API_URL", "http://analytics.example.com/api", "OPENPANEL_CLIENT_ID", UUID,
                "OPENPANEL_CLIENT_SECRET", "sec_x"),
                "openpanel-camel cannot start: openpanel.api-url (OPENPANEL_API_URL) must use https:// for a remote host");
    }

    @Test
    void aCredentialSetBothAsAValueAndAsAFileOrAMissingFileStopsStartUpNamingThem() throws Exception {
        Path secret = Files.writeString(temp.resolve("client-secret"), "sec_fromthefile0000000\n");
        assertRefused(Map.of("OPENPANEL_API_URL", "https://api.example.com", "OPENPANEL_CLIENT_ID", UUID,
                "OPENPANEL_CLIENT_SECRET", "sec_x", "OPENPANEL_CLIENT_SECRET_FILE", secret.toString()),
                "openpanel-camel cannot start: openpanel.client-secret (OPENPANEL_CLIENT_SECRET) and openpanel.client-secret.file"
                        + " (OPENPANEL_CLIENT_SECRET_FILE) are both set; set only one of them.");
        Path missing = temp.resolve("no-token");
        assertRefused(Map.of("OPENPANEL_API_URL", "https://api.example.com", "OPENPANEL_CLIENT_ID", UUID,
                "OPENPANEL_CLIENT_SECRET", "sec_x", "OPENPANEL_INTAKE_TOKEN_FILE", missing.toString()),
                "openpanel-camel cannot start: openpanel.intake.token.file (OPENPANEL_INTAKE_TOKEN_FILE) names " + missing
                        + ", which does not exist.");
    }

    @Test
    void aTakenHttpPortStopsStartUpWithOneSentenceBeforeAnythingStarts() throws Exception {
        Path dir = ServiceProcess.workingDirectory(temp);
        ServiceProcess.configure(dir, Map.of("camel.server.host", "127.0.0.1"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServiceProcess service = ServiceProcess.start(dir, Map.of("OPENPANEL_API_URL", "",
                     "OPENPANEL_HTTP_PORT", String.valueOf(taken.getLocalPort())))) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            String output = service.output();
            String sentence = "openpanel-camel cannot start: the HTTP port " + taken.getLocalPort() + " on 127.0.0.1 cannot be used";
            assertThat(output).contains(sentence).contains("set openpanel.http.port (OPENPANEL_HTTP_PORT) to a free port.");
            assertThat(output.split(Pattern.quote("the HTTP port " + taken.getLocalPort()), -1)).as("said once").hasSize(2);
            assertThat(output).doesNotContain("started in").doesNotContain("SANDBOX MODE").doesNotContain("\tat ");
        }
    }

    private void assertRefused(Map<String, String> environment, String sentence) {
        Path dir = ServiceProcess.workingDirectory(temp);
        try (ServiceProcess service = ServiceProcess.start(dir, environment)) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            String output = service.output();
            assertThat(output).contains(sentence);
            assertThat(output).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("sec_x");
        }
    }
}
