package dev.openpanel.camel.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestMains;

/**
 * Every job run as a real process under the permissive umask 022, so that only the code can make the modes owner
 * only: the service (start-up over a data directory an earlier version left readable, a clients import through the
 * inbox, an event through the intake and the embedded broker, a cleanup that deletes) and then the one-shot commands
 * {@code import}, {@code provision} and {@code cleanup --apply}. After each, the whole data directory is walked: no
 * folder or file grants group or others anything, and no secret, in UTF-8, UTF-16LE or UTF-16BE, rests anywhere but
 * {@code secrets/} and the broker's journal.
 */
class SecretsAtRestTest {

    private static final Pattern SECRET = Pattern.compile("sec_[0-9a-f]{20}");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private ManageApiSimulator simulator;
    private Path data;
    private final Set<String> secrets = new LinkedHashSet<>();

    @Test
    void afterEveryJobNothingInTheDataDirectoryIsOpenToOthersAndNoSecretRestsOutsideSecretsAndTheBrokerJournal() throws Exception {
        try (ManageApiSimulator api = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            simulator = api;
            secrets.add(simulator.rootClient().secret());
            Path dir = ServiceProcess.workingDirectory(temp);
            ServiceProcess.configure(dir, Map.of("openpanel.import.read-lock-check-interval", "100", "camel.server.host", "127.0.0.1",
                    "openpanel.retry.max-retries", "1", "openpanel.retry.backoff", "20ms"));
            data = dir.resolve("data");
            leftReadableByAnEarlierVersion();
            String project = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Rest Shop", Instant.now());
            Path rules = Files.writeString(temp.resolve("rules.yaml"),
                    "rules:\n  - name: temp clients\n    resource: clients\n    where: { name: \"^temp-\" }\n");
            int port = TestMains.freePort();
            Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
            environment.putAll(Map.of("OPENPANEL_HTTP_PORT", String.valueOf(port), "OPENPANEL_INTAKE_TOKEN", "rest-token",
                    "OPENPANEL_CLEANUP_DRY_RUN", "false", "OPENPANEL_CLEANUP_RULES", rules.toString()));

            try (ServiceProcess service = ServiceProcess.startWithUmask("022", dir, environment)) {
                String started = service.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), TIMEOUT);
                assertThat(started).containsOnlyOnce("4 folders and files in the data directory " + data
                        + " could be read or written by group or others; they are owner only now");
                assertPrivate("service start");

                Path inbox = data.resolve("inbox/clients");
                Files.writeString(inbox.resolve(".rest.csv.part"), "name,projectId,type\nrest reader," + project + ",read\ntemp-rest,"
                        + project + ",write\n");
                Files.move(inbox.resolve(".rest.csv.part"), inbox.resolve("rest.csv"));
                await().atMost(TIMEOUT).until(() -> Files.exists(inbox.resolve(".done/rest.csv")));
                assertPrivate("inbox import");

                RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, "rest-token");
                assertThat(intake.post("/events/deployment", "{\"eventId\":\"rest-1\",\"project\":{\"name\":\"rest-event\"},"
                        + "\"clients\":[{\"name\":\"rest dash\",\"type\":\"read\"}]}").status()).isEqualTo(202);
                service.awaitOutput(Pattern.compile("Event rest-1 provisioned"), TIMEOUT);
                assertPrivate("provisioning through the intake and the broker");
                assertThat(brokerJournalHolds(secretsOf("deployment-rest-1-"))).as("the result waits on the queue, in UTF-16").isTrue();

                String reader = simulator.store().clients().stream().filter(c -> c.name().equals("rest reader")).findFirst().orElseThrow().id();
                assertThat(intake.post("/events/deployment", "{\"eventId\":\"rest-rotate\",\"rotate\":{\"clientId\":\"" + reader + "\"}}")
                        .status()).isEqualTo(202);
                service.awaitOutput(Pattern.compile("Event rest-rotate: client " + reader), TIMEOUT);
                assertPrivate("rotation through the intake and the broker");

                assertThat(intake.post("/jobs/cleanup", "").status()).isEqualTo(202);
                service.awaitOutput(Pattern.compile("Cleanup deleted client"), TIMEOUT);
                await().atMost(TIMEOUT).until(() -> reports().size() == 2);
                assertPrivate("cleanup apply");
                assertThat(service.stop()).isIn(0, 143);
            }
            assertPrivate("service stop");

            Path csv = Files.writeString(temp.resolve("rest-projects.csv"), "name\nRest One\nRest Two\n");
            assertThat(run(dir, "import", csv.toString(), "--kind", "projects").exitCode()).isZero();
            assertPrivate("import command");
            Path event = Files.writeString(temp.resolve("event.json"),
                    "{\"eventId\":\"rest-2\",\"project\":{\"name\":\"rest-cli\"},\"clients\":[{\"name\":\"cli dash\",\"type\":\"read\"}]}");
            assertThat(run(dir, "provision", event.toString()).exitCode()).isZero();
            assertPrivate("provision command");
            simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "temp-cli", "write", project, Instant.now());
            Map<String, String> cleanup = ServiceProcess.simulatorEnvironment(simulator);
            cleanup.put("OPENPANEL_CLEANUP_RULES", rules.toString());
            ServiceProcess.Completed apply = ServiceProcess.runWithUmask("022", dir, cleanup, TIMEOUT, "cleanup", "--apply");
            assertThat(apply.exitCode()).as(apply.stderr()).isZero();
            assertThat(apply.stdout()).contains("1 deleted");
            assertPrivate("cleanup command");
            String dash = simulator.store().clients().stream().filter(c -> c.name().equals("cli dash")).findFirst().orElseThrow().id();
            assertThat(run(dir, "rotate", "client", dash, "--now").exitCode()).isZero();
            assertPrivate("rotate command");

            assertThat(secretsOf("")).as("root, 2 imported clients, a provisioned client and first client each time, 2 projects")
                    .hasSizeGreaterThanOrEqualTo(7);
            assertThat(List.of("inbox/clients/.done/rest.csv", "outbox/rest.results.csv", "outbox/rest-projects.results.csv",
                    "secrets/rest.secrets.csv")).allSatisfy(path -> assertThat(data.resolve(path)).exists());
            assertThat(brokerDirectory().resolve("journal/activemq-data-1.amq")).exists();
            assertThat(data.resolve("state/openpanel-camel.lock")).exists();
        }
    }

    /** What an earlier version left, as a umask of 022 makes it: the folders 0755, a report 0644. */
    private void leftReadableByAnEarlierVersion() throws Exception {
        Path report = Files.createDirectories(data.resolve("reports")).resolve("cleanup-20261101T030000Z.json");
        Files.writeString(report, "{}");
        Files.createDirectories(data.resolve("state"));
        for (Path path : List.of(data, data.resolve("reports"), data.resolve("state"))) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private ServiceProcess.Completed run(Path dir, String... arguments) {
        ServiceProcess.Completed completed = ServiceProcess.runWithUmask("022", dir, ServiceProcess.simulatorEnvironment(simulator),
                TIMEOUT, arguments);
        assertThat(completed.stdout() + completed.stderr()).doesNotContainPattern(SECRET);
        return completed;
    }

    /** The whole data directory: modes owner only, and every secret known so far only where it may rest. */
    private void assertPrivate(String after) throws Exception {
        secrets.addAll(secretsOf(""));
        List<String> open = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path path : walk.toList()) {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (mode.stream().anyMatch(OTHERS::contains)) {
                    open.add((path.equals(data) ? "." : data.relativize(path)) + " " + PosixFilePermissions.toString(mode));
                }
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !path.startsWith(data.resolve("secrets"))
                        && !isBrokerJournal(path)) {
                    scanned++;
                    leaks.addAll(leaksIn(path));
                }
            }
        }
        assertThat(open).as("readable or writable by others after " + after).isEmpty();
        assertThat(leaks).as("secrets outside secrets/ and the broker journal after " + after).isEmpty();
        assertThat(scanned).as("files scanned after " + after).isPositive();
    }

    private List<String> leaksIn(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        List<String> leaks = new ArrayList<>();
        for (Charset encoding : ENCODINGS) {
            if (SECRET.matcher(new String(bytes, encoding)).find()) {
                leaks.add(data.relativize(file) + " holds something like a secret in " + encoding);
            }
            for (String secret : secrets) {
                if (indexOf(bytes, secret.getBytes(encoding)) >= 0) {
                    leaks.add(data.relativize(file) + " holds a known secret in " + encoding);
                }
            }
        }
        return leaks;
    }

    /** The embedded broker's journal: {@code state/<api>/broker/}. */
    private Path brokerDirectory() throws IOException {
        try (Stream<Path> apis = Files.list(data.resolve("state"))) {
            return apis.map(api -> api.resolve("broker")).filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private boolean isBrokerJournal(Path path) {
        Path relative = data.relativize(path);
        return relative.getNameCount() > 3 && relative.getName(0).toString().equals("state")
                && relative.getName(2).toString().equals("broker");
    }

    private boolean brokerJournalHolds(Set<String> candidates) throws Exception {
        assertThat(candidates).isNotEmpty();
        try (Stream<Path> walk = Files.walk(brokerDirectory())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (candidates.stream().allMatch(s -> indexOf(bytes, s.getBytes(StandardCharsets.UTF_16LE)) >= 0
                        || indexOf(bytes, s.getBytes(StandardCharsets.UTF_16BE)) >= 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The secrets in the files of {@code secrets/} whose names start with the prefix. */
    private Set<String> secretsOf(String prefix) throws Exception {
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(data.resolve("secrets"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Matcher matcher = SECRET.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(matcher.group());
                }
            }
        }
        return found;
    }

    private List<Path> reports() throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("reports"))) {
            return files.filter(f -> f.getFileName().toString().matches("cleanup-.*\\.json")).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
