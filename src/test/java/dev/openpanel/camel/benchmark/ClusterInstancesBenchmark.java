package dev.openpanel.camel.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.ServerWindows;
import dev.openpanel.camel.testing.ServiceProcess;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * The rate 1, 2 and 3 service instances (separate JVMs, cluster mode on the tests' PostgreSQL, one shared data
 * directory) achieve together on one root client: the same import (three files of {@value #ROWS} projects dropped into
 * the shared inbox at once) against the simulator with the Manage API's budget (20 per 10 s) and {@value #LATENCY_MS}
 * ms latency, one run after the other, printed side by side. Rates as in {@link ImportBenchmark}, of the calls made
 * after the files were dropped: wall/limit = calls / import time (from the drop until every file is in .done/, the
 * read lock's second of quiet included) / (20 per 10 s); server/limit = (calls - 1) / (last arrival - first arrival)
 * / (20 per 10 s). With them the 429s and the most requests in one of the server's windows (all calls). The limiter's
 * margin caps both rates at 0.98, and bulk calls are paced, so an import never spends the budget in one burst.
 * <p>
 * Run: {@code mvn -q test-compile exec:exec@cluster-instances-benchmark} (about 4 minutes).
 */
public final class ClusterInstancesBenchmark {

    private static final int LIMIT = 20;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final int LATENCY_MS = 50;
    private static final int FILES = 3;
    private static final int ROWS = 30;
    private static final Duration WAIT = Duration.ofMinutes(5);

    private ClusterInstancesBenchmark() {
    }

    /** One run's figures. */
    private record Result(int instances, int calls, int rateLimited, int maxInWindow, double wall, double server, Duration took) {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        System.out.printf(Locale.ROOT, "Cluster instances benchmark: %d files x %d projects into one shared inbox, budget %d per %d s,"
                + " %d ms latency, default margin; PostgreSQL 14 on loopback (started in %d ms)%n", FILES, ROWS, LIMIT,
                PERIOD.toSeconds(), LATENCY_MS, postgres.startedIn().toMillis());
        List<Result> results = new ArrayList<>();
        for (int instances = 1; instances <= 3; instances++) {
            results.add(run(postgres, instances));
        }
        System.out.println();
        System.out.println("| instances | calls | import | wall/limit | server/limit | 429s | most in a server window |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f s | %.3f | %.3f | %d | %d |%n", result.instances(), result.calls(),
                    result.took().toMillis() / 1000.0, result.wall(), result.server(), result.rateLimited(), result.maxInWindow());
        }
        System.exit(0);
    }

    private static Result run(TestPostgres postgres, int instances) throws Exception {
        Path temp = Files.createTempDirectory("cluster-instances-benchmark-");
        Path data = Files.createDirectories(temp.resolve("data"));
        String database = postgres.newDatabase();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
            simulator.behavior().latency(Duration.ofMillis(LATENCY_MS));
            List<ServiceProcess> processes = new ArrayList<>();
            try {
                for (int i = 1; i <= instances; i++) {
                    Map<String, String> environment = new HashMap<>(ServiceProcess.simulatorEnvironment(simulator));
                    environment.put("OPENPANEL_CLUSTER_JDBC_URL", database);
                    environment.put("OPENPANEL_CLUSTER_USER", postgres.user());
                    environment.put("OPENPANEL_CLUSTER_PASSWORD", postgres.password());
                    environment.put("OPENPANEL_INSTANCE_ID", "bench-" + i);
                    environment.put("OPENPANEL_DATA_DIR", data.toString());
                    processes.add(ServiceProcess.start(ServiceProcess.workingDirectory(temp.resolve("node-" + i)), environment));
                }
                for (ServiceProcess process : processes) {
                    process.awaitOutput(Pattern.compile("openpanel-camel\\) started in"), Duration.ofMinutes(2));
                }
                long started = System.nanoTime();
                for (int file = 1; file <= FILES; file++) {
                    drop(data, "bench-" + file + ".csv", file);
                }
                Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> done(data) == FILES);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                // the import's calls (each instance's readiness probe at start-up came before the files)
                List<RecordedRequest> requests = simulator.requests().stream().filter(r -> r.nanoTime() >= started).toList();
                List<RecordedRequest> answered = requests.stream().filter(r -> r.status() > 0 && r.status() != 429).toList();
                long first = answered.stream().mapToLong(RecordedRequest::nanoTime).min().orElse(0);
                long last = answered.stream().mapToLong(RecordedRequest::nanoTime).max().orElse(0);
                double seconds = (last - first) / 1e9;
                double perSecond = (double) LIMIT / PERIOD.toSeconds();
                double wall = answered.size() / (took.toNanos() / 1e9) / perSecond;
                double server = (answered.size() - 1) / seconds / perSecond;
                int rateLimited = (int) simulator.requests().stream().filter(r -> r.status() == 429).count();
                int maxInWindow = ServerWindows.maxInAServerWindow(simulator.requests().stream().map(RecordedRequest::nanoTime).toList(),
                        PERIOD.toNanos());
                System.out.printf(Locale.ROOT, "%d instance(s): %d calls, import %.1f s (calls over %.1f s), wall/limit %.3f,"
                        + " server/limit %.3f, %d x 429, at most %d in a server window%n", instances, answered.size(),
                        took.toMillis() / 1000.0, seconds, wall, server, rateLimited, maxInWindow);
                return new Result(instances, answered.size(), rateLimited, maxInWindow, wall, server, took);
            } finally {
                processes.forEach(ServiceProcess::close);
            }
        }
    }

    private static void drop(Path data, String name, int file) throws IOException {
        StringBuilder csv = new StringBuilder("name,domain\n");
        for (int row = 1; row <= ROWS; row++) {
            csv.append("bench-").append(file).append("-").append(row).append(",https://bench-").append(file).append("-").append(row)
                    .append(".example\n");
        }
        Path staged = data.resolve(name + ".tmp");
        Files.writeString(staged, csv);
        Files.move(staged, data.resolve("inbox/projects").resolve(name));
    }

    private static long done(Path data) throws IOException {
        Path done = data.resolve("inbox/projects/.done");
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (var files = Files.list(done)) {
            return files.count();
        }
    }
}
