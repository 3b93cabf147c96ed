package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.ServerWindows;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.TestKafka;
import dev.openpanel.camel.testing.TestMains;
import dev.openpanel.camel.testing.postgres.TestPostgres;

import kafka.testkit.KafkaClusterTestKit;

/**
 * Three service instances, separate JVMs, in cluster mode on one PostgreSQL and one Kafka, sharing one data directory,
 * against the simulator with the real budget (20 requests per 10 s for the root client): files dropped into the shared
 * inbox and events posted to every instance's intake at once. The server never sees more than 20 requests in one of its
 * windows nor answers 429; every row and event is done once and none is lost; the instance importing the big file is
 * killed (SIGKILL) halfway and another finishes the file; a schedule of every 2 s (a route the test adds to routes/, as
 * a user would) fires once per tick across the three, the kill included.
 */
@Timeout(300)
class ClusterInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String TOKEN = "cluster-intake-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICK = Pattern.compile("(?m)probe tick (\\d\\d:\\d\\d:\\d\\d)$");
    /** A user's route (routes/ is where users extend the service): a short schedule that logs the tick it fires for. */
    private static final String PROBE_ROUTE = """
            - route:
                id: tick-probe
                from:
                  uri: quartz:probe/ticks
                  parameters:
                    cron: "0/2 * * * * ?"
                  steps:
                    - log:
                        message: "probe tick ${date:header.scheduledFireTime:HH:mm:ss}"
            """;

    @TempDir
    static Path temp;

    private static KafkaClusterTestKit kafka;

    @BeforeAll
    static void kafka() throws Exception {
        kafka = TestKafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("deployments", 3, (short) 1), new NewTopic("deployments.results", 1, (short) 1),
                    new NewTopic("deployments.dlq", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void threeInstancesShareTheBudgetDoEachPieceOfWorkOnceAndTakeOverTheFileOfOneThatDies() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String database = postgres.newDatabase();
        Path data = Files.createDirectories(temp.resolve("shared-data"));
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(20, Duration.ofSeconds(10)).start()) {
            Map<String, ServiceProcess> instances = new ConcurrentHashMap<>();
            Map<String, Integer> ports = new HashMap<>();
            try {
                for (String instance : List.of("node-1", "node-2", "node-3")) {
                    int port = TestMains.freePort();
                    ports.put(instance, port);
                    Path directory = ServiceProcess.workingDirectory(temp.resolve(instance));
                    Files.writeString(directory.resolve("routes/tick-probe.camel.yaml"), PROBE_ROUTE);
                    instances.put(instance, ServiceProcess.start(directory, environment(simulator, database, postgres, data, instance, port)));
                }
                for (ServiceProcess instance : instances.values()) {
                    instance.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), WAIT);
                }

                // work for all three at once: four files in the shared inbox, six events over the three intakes
                Map<String, Integer> files = Map.of("big.csv", 14, "batch-a.csv", 5, "batch-b.csv", 5, "batch-c.csv", 5);
                writeFile(data, "big.csv", 14);
                for (String name : List.of("batch-a.csv", "batch-b.csv", "batch-c.csv")) {
                    writeFile(data, name, files.get(name));
                }
                List<String> nodes = List.of("node-1", "node-2", "node-3");
                for (int i = 0; i < 6; i++) {
                    RawHttp.Answer answer = RawHttp.bearer("http://127.0.0.1:" + ports.get(nodes.get(i % 3)), TOKEN)
                            .post("/events/deployment", "{\"eventId\":\"cluster-event-" + i + "\",\"project\":{\"name\":\"event-shop-" + i
                                    + "\"},\"reference\":{\"title\":\"Deploy " + i + "\",\"datetime\":\"2026-12-01T10:00:00Z\"}}");
                    assertThat(answer.status()).as("intake of " + nodes.get(i % 3)).isEqualTo(202);
                }

                // the instance importing big.csv dies with part of it done
                await().atMost(WAIT).until(() -> projectsNamed(simulator, "big.csv") >= 4);
                String owner = claimOwner(postgres, database, "projects/big.csv");
                assertThat(owner).isIn(nodes);
                instances.remove(owner).kill();

                await().atMost(WAIT).until(() -> doneFiles(data).containsAll(files.keySet()));
                Map<String, JsonNode> results = results(6);

                // every row and every event done, each once
                for (Map.Entry<String, Integer> file : files.entrySet()) {
                    for (int row = 1; row <= file.getValue(); row++) {
                        String name = projectName(file.getKey(), row);
                        assertThat(simulator.store().projects()).as(name).filteredOn(p -> p.name().equals(name)).hasSize(1);
                    }
                    String outcome = Files.readString(data.resolve("outbox").resolve(file.getKey().replace(".csv", ".results.csv")));
                    assertThat(outcome.lines().skip(1).filter(line -> !line.isBlank())).as(file.getKey()).hasSize(file.getValue())
                            .allSatisfy(line -> assertThat(line).contains(",created,"));
                }
                for (int i = 0; i < 6; i++) {
                    String name = "event-shop-" + i;
                    assertThat(simulator.store().projects()).as(name).filteredOn(p -> p.name().equals(name)).hasSize(1);
                    assertThat(results.get("cluster-event-" + i).at("/project/status").asText()).isEqualTo("created");
                }
                int projects = files.values().stream().mapToInt(Integer::intValue).sum() + 6;
                assertThat(simulator.requests()).filteredOn(r -> r.method().equals("POST") && r.path().equals("/manage/projects"))
                        .as("one create per project, none repeated after the takeover").hasSize(projects);

                // one budget: the server's own windows, and its answers
                List<RecordedRequest> requests = simulator.requests();
                assertThat(requests).filteredOn(r -> r.status() == 429).isEmpty();
                assertThat(ServerWindows.maxInAServerWindow(requests.stream().map(RecordedRequest::nanoTime).toList(),
                        Duration.ofSeconds(10).toNanos())).isLessThanOrEqualTo(20);

                // the schedule: once per tick across the instances, from the first tick to the last, the kill included
                Map<Integer, List<String>> runsPerTick = new TreeMap<>();
                for (String instance : nodes) {
                    Matcher run = TICK.matcher(output(temp.resolve(instance)));
                    while (run.find()) {
                        runsPerTick.computeIfAbsent(LocalTime.parse(run.group(1)).toSecondOfDay(), tick -> new ArrayList<>()).add(instance);
                    }
                }
                List<Integer> ticks = new ArrayList<>(runsPerTick.keySet());
                assertThat(ticks).hasSizeGreaterThan(10);
                assertThat(ticks.get(ticks.size() - 1) - ticks.get(0)).as("no tick missing").isEqualTo(2 * (ticks.size() - 1));
                assertThat(runsPerTick).as("runs per tick").allSatisfy((tick, runs) -> assertThat(runs).hasSize(1));
            } catch (AssertionError | Exception e) {
                keepForDiagnosis(simulator, instances);
                throw e;
            } finally {
                instances.values().forEach(ServiceProcess::close);
            }
        }
    }

    /** What the server saw and what each instance printed, in target/, for whoever reads a failure. */
    private static void keepForDiagnosis(ManageApiSimulator simulator, Map<String, ServiceProcess> alive) throws Exception {
        Path target = Files.createDirectories(Path.of("target/cluster-instances"));
        for (Map.Entry<String, ServiceProcess> instance : alive.entrySet()) {
            Path dump = target.resolve(instance.getKey() + ".threads.txt");
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(instance.getValue().pid()),
                    "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile()).start().waitFor();
        }
        Files.write(target.resolve("requests.txt"), simulator.requests().stream()
                .map(r -> r.sequence() + " " + r.at() + " " + r.method() + " " + r.path() + " " + r.status() + " " + r.body()).toList());
        for (String instance : List.of("node-1", "node-2", "node-3")) {
            Files.writeString(target.resolve(instance + ".log"), output(temp.resolve(instance)));
        }
    }

    private static Map<String, String> environment(ManageApiSimulator simulator, String database, TestPostgres postgres, Path data,
            String instance, int port) {
        Map<String, String> environment = ServiceProcess.simulatorEnvironment(simulator);
        String brokers = kafka.bootstrapServers();
        environment.putAll(Map.of(
                "OPENPANEL_CLUSTER_JDBC_URL", database,
                "OPENPANEL_CLUSTER_USER", postgres.user(),
                "OPENPANEL_CLUSTER_PASSWORD", postgres.password(),
                "OPENPANEL_INSTANCE_ID", instance,
                // a claim is taken over 10 s after its owner stopped renewing it (every third of that)
                "OPENPANEL_CLUSTER_CLAIM_TIMEOUT", "10s",
                "OPENPANEL_DATA_DIR", data.toString(),
                "OPENPANEL_HTTP_PORT", String.valueOf(port),
                "OPENPANEL_INTAKE_TOKEN", TOKEN));
        environment.putAll(Map.of(
                "OPENPANEL_PROVISIONING_FROM", "kafka:deployments?brokers=" + brokers + "&sessionTimeoutMs=6000&heartbeatIntervalMs=1000",
                "OPENPANEL_PROVISIONING_RESULTS", "kafka:deployments.results?brokers=" + brokers,
                "OPENPANEL_PROVISIONING_DEAD_LETTER", "kafka:deployments.dlq?brokers=" + brokers,
                "OPENPANEL_IMPORT_READ_LOCK_CHECK_INTERVAL", "300",
                // five JVMs on two cores delay a granted request by more than the default 200 ms now and then
                "OPENPANEL_RATE_LIMIT_MARGIN", "500ms"));
        return environment;
    }

    private static void writeFile(Path data, String name, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("name,domain\n");
        for (int row = 1; row <= rows; row++) {
            csv.append(projectName(name, row)).append(",https://").append(projectName(name, row)).append(".example\n");
        }
        // written beside the inbox and renamed into it, as a producer should
        Path staged = data.resolve(name + ".tmp");
        Files.writeString(staged, csv);
        Files.move(staged, data.resolve("inbox/projects").resolve(name));
    }

    private static String projectName(String file, int row) {
        return file.replace(".csv", "") + "-" + row;
    }

    private static long projectsNamed(ManageApiSimulator simulator, String file) {
        String prefix = file.replace(".csv", "") + "-";
        return simulator.store().projects().stream().filter(p -> p.name().startsWith(prefix)).count();
    }

    private static String claimOwner(TestPostgres postgres, String database, String file) throws Exception {
        try (ClusterDatabase cluster = ClusterDatabase.open(new ClusterSettings(database, postgres.user(), postgres::password, "test"),
                new ClusterReadiness())) {
            return cluster.inTransaction(connection -> {
                try (var select = connection.prepareStatement("SELECT owner FROM openpanel_inbox_claims WHERE message_id = ?")) {
                    select.setString(1, file);
                    try (var rows = select.executeQuery()) {
                        return rows.next() ? rows.getString(1) : null;
                    }
                }
            });
        }
    }

    private static Set<String> doneFiles(Path data) throws IOException {
        Path done = data.resolve("inbox/projects/.done");
        if (!Files.isDirectory(done)) {
            return Set.of();
        }
        try (var files = Files.list(done)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /**
     * The result message of each event on the results topic, by event id; fails unless each of {@code count} events
     * has one. An event may be read again only when its instance died between sending the result and committing its
     * offset: then the second result must say it repeated what was done (no API call).
     */
    private static Map<String, JsonNode> results(int count) throws Exception {
        Map<String, JsonNode> results = new HashMap<>();
        List<JsonNode> again = new ArrayList<>();
        // the topic's one partition read from its start, without a group: no rebalance can make the reader see a record twice
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("deployments.results", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean settled = false;
            while (!settled && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(results.size() < count ? 500 : 2_000));
                settled = results.size() >= count && records.isEmpty();
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode result = JSON.readTree(record.value());
                    if (results.putIfAbsent(result.get("eventId").asText(), result) != null) {
                        again.add(result);
                    }
                }
            }
        }
        assertThat(results).hasSize(count);
        assertThat(again).allSatisfy(result -> assertThat(result.get("repeated").asBoolean()).isTrue());
        return results;
    }

    private static String output(Path instanceDirectory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(instanceDirectory.resolve("service"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("output-")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
