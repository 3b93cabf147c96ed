package dev.openpanel.camel.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.main.Main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.imports.ImportFiles;
import dev.openpanel.camel.imports.ImportSummary;
import dev.openpanel.camel.simulator.CompetingCaller;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/**
 * The import job end to end, as users run it: a projects file through {@code direct:import-file} of the running
 * application against the simulator with the real budget (20 requests per 10 s as the server counts them) and API
 * latency. Every scenario runs in a JVM of its own, four at a time (more at once on two processors delay each other's
 * calls enough to cost about a tenth of the budget), and the figures are printed side by side:
 * <ol>
 * <li>a 100-row import at 20 ms, 500 ms and 2 s latency, one row at a time ({@code openpanel.import.concurrency=1},
 * as the import was) and with the default concurrency: time, achieved rate against the limit, the most requests the
 * server saw in one of its windows, 429 answers;</li>
 * <li>the same at 20 ms beside another tool on the same client id at 1 request/s, with reserve 0 and with reserve 11:
 * 429s on both sides, and the import's time against the ideal for the budget left to it;</li>
 * <li>three deployment events 15 s into a 200-row import (50 ms latency), posted together or one after another (each
 * once the one before has its last call): time from each 202 to the event's last API call; and with the budget free,
 * from the 202 to the event's first call (median of 5).</li>
 * </ol>
 * Run: {@code mvn -q test-compile exec:exec@import-e2e-benchmark} (about 5 minutes).
 */
public final class ImportBenchmark {

    private static final int LIMIT = 20;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final String TOKEN = "benchmark-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--scenario")) {
            System.out.println("RESULT " + JSON.writeValueAsString(runScenario(args[1])));
            System.exit(0);
        }
        List<String> latencyRuns = new ArrayList<>();
        for (int latency : new int[] { 20, 500, 2000 }) {
            latencyRuns.add("import:" + latency + ":1:0:false");
            latencyRuns.add("import:" + latency + ":auto:0:false");
        }
        List<String> sharingRuns = List.of("import:20:auto:0:true", "import:20:auto:11:true");
        List<String> eventModes = List.of("events:50:1:together", "events:50:auto:together", "events:50:1:in-turn",
                "events:50:auto:in-turn");
        List<String> eventRuns = new ArrayList<>(eventModes);
        eventRuns.add("free:50:auto");
        List<String> all = new ArrayList<>(latencyRuns);
        all.addAll(sharingRuns);
        all.addAll(eventRuns);
        System.out.printf(Locale.ROOT, "Import benchmark: budget %d per %d s as the server counts it, %d scenarios in JVMs of their"
                + " own, at most 4 at a time, side by side%n", LIMIT, PERIOD.toSeconds(), all.size());
        // Batches of about the same length, longest first; within a batch the measured parts start together.
        List<List<String>> batches = List.of(
                List.of("import:2000:1:0:false", "events:50:1:together", "events:50:auto:together", "events:50:1:in-turn"),
                List.of("events:50:auto:in-turn", "import:20:auto:11:true", "import:20:auto:0:true", "import:2000:auto:0:false"),
                List.of("import:20:1:0:false", "import:20:auto:0:false", "import:500:1:0:false", "import:500:auto:0:false"),
                List.of("free:50:auto"));
        if (batches.stream().mapToInt(List::size).sum() != all.size()) {
            throw new IllegalStateException("every scenario belongs in one batch");
        }
        Map<String, JsonNode> results = new HashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        for (List<String> batch : batches) {
            Map<String, Future<JsonNode>> futures = new HashMap<>();
            CountDownLatch started = new CountDownLatch(batch.size());
            for (String scenario : batch) {
                futures.put(scenario, pool.submit(() -> child(scenario, started)));
            }
            for (String scenario : batch) {
                results.put(scenario, futures.get(scenario).get());
            }
        }
        pool.shutdown();

        System.out.printf(Locale.ROOT, "%n100-row import (101 requests with the listing):%n");
        System.out.printf(Locale.ROOT, "%-10s %-22s %9s %12s %14s %11s %6s%n", "latency", "rows in flight", "seconds", "wall/limit",
                "server/limit", "max/window", "429s");
        for (String scenario : latencyRuns) {
            printImport(scenario, results.get(scenario));
        }
        System.out.printf(Locale.ROOT, "(wall/limit = requests / import time / (20 per 10 s), the listing's and the last call's latency"
                + " included; server/limit = the rate between the server's first and last arrival; the limiter's margin caps both at 0.98)%n");
        System.out.printf(Locale.ROOT, "%nBeside another tool on the same client id at 1 request/s (20 ms latency, default concurrency):%n");
        System.out.printf(Locale.ROOT, "%-10s %9s %9s %9s %10s %11s %13s%n", "reserve", "seconds", "ideal s", "x ideal", "our 429s",
                "its 429s", "its calls");
        for (String scenario : sharingRuns) {
            JsonNode r = results.get(scenario);
            double ideal = r.get("requests").asDouble() / ((LIMIT - r.get("reserve").asInt()) / (double) PERIOD.toSeconds());
            System.out.printf(Locale.ROOT, "%-10d %9.1f %9.1f %9.2f %10d %11d %13d%n", r.get("reserve").asInt(),
                    r.get("seconds").asDouble(), ideal, r.get("seconds").asDouble() / ideal, r.get("ours429").asInt(),
                    r.get("its429").asInt(), r.get("itsCalls").asInt());
        }
        System.out.printf(Locale.ROOT, "(ideal = requests / ((20 - reserve) per 10 s))%n");
        System.out.printf(Locale.ROOT, "%nDeployment events (50 ms latency; 3 calls each carry the event's name):%n");
        for (String scenario : eventModes) {
            JsonNode r = results.get(scenario);
            List<String> latencies = new ArrayList<>();
            r.get("eventLastCall").forEach(v -> latencies.add(String.format(Locale.ROOT, "%.1f s", v.asDouble())));
            String[] parts = scenario.split(":");
            System.out.printf(Locale.ROOT, "  3 events 15 s into a 200-row import, %-8s rows in flight %-4s 202 -> last call: %s"
                    + " (import %.0f s, 429s %d)%n", parts[3], parts[2], String.join(", ", latencies),
                    r.get("seconds").asDouble(), r.get("ours429").asInt());
        }
        System.out.printf(Locale.ROOT, "  (together: posted at once; in-turn: each posted once the one before has its last call)%n");
        JsonNode free = results.get("free:50:auto");
        System.out.printf(Locale.ROOT, "  budget free, 5 events 2.5 s apart: 202 -> first call median %.0f ms (max %.0f ms)%n",
                free.get("firstCallMedianMs").asDouble(), free.get("firstCallMaxMs").asDouble());
    }

    private static void printImport(String scenario, JsonNode r) {
        String[] parts = scenario.split(":");
        double achieved = r.get("requests").asDouble() / r.get("seconds").asDouble() / (LIMIT / (double) PERIOD.toSeconds());
        double atServer = (r.get("requests").asDouble() - 1) / r.get("serverSeconds").asDouble() / (LIMIT / (double) PERIOD.toSeconds());
        System.out.printf(Locale.ROOT, "%-10s %-22s %9.1f %12.2f %14.2f %11d %6d%n", parts[1] + " ms",
                parts[2].equals("1") ? "1 (one row at a time)" : "default (" + r.get("concurrency").asInt() + ")",
                r.get("seconds").asDouble(), achieved, atServer, r.get("maxWindow").asInt(), r.get("ours429").asInt());
    }

    /**
     * Runs a scenario in a JVM of its own. The measured part starts in every JVM at once, once all have started, so no
     * JVM's start-up takes the processors from another one's measurement.
     */
    private static JsonNode child(String scenario, CountDownLatch started) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ImportBenchmark.class.getName(), "--scenario", scenario)
                .redirectErrorStream(true).start();
        JsonNode result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("STARTED")) {
                    started.countDown();
                    started.await();
                    process.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
                    process.getOutputStream().flush();
                } else if (line.startsWith("RESULT ")) {
                    result = JSON.readTree(line.substring(7));
                } else {
                    tail.add(line);
                    if (tail.size() > 20) {
                        tail.remove(0);
                    }
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("scenario " + scenario + " failed:\n" + String.join("\n", tail));
        }
        return result;
    }

    /** import:latencyMs:concurrency:reserve:competitor, events:latencyMs:concurrency:together|in-turn, free:latencyMs:concurrency. */
    private static ObjectNode runScenario(String scenario) throws Exception {
        String[] parts = scenario.split(":");
        Duration latency = Duration.ofMillis(Integer.parseInt(parts[1]));
        String concurrency = parts[2];
        int reserve = parts[0].equals("import") ? Integer.parseInt(parts[3]) : 0;
        boolean competitor = parts.length > 4 && Boolean.parseBoolean(parts[4]);
        Path dir = Files.createTempDirectory("import-benchmark");
        int port = TestMains.freePort();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
            simulator.behavior().latency(latency);
            Map<String, String> properties = new HashMap<>(Map.of("openpanel.api-url", simulator.url(),
                    "openpanel.client-id", simulator.rootClient().id(),
                    "openpanel.client-secret", simulator.rootClient().secret(),
                    "openpanel.data-dir", dir.resolve("data").toString(),
                    "openpanel.rate-limit.reserve", String.valueOf(reserve),
                    "openpanel.health.probe-interval", "1h",
                    "openpanel.http.port", String.valueOf(port),
                    "openpanel.intake.token", TOKEN));
            if (!concurrency.equals("auto")) {
                properties.put("openpanel.import.concurrency", concurrency);
            }
            if (parts[0].equals("import")) {
                properties.put("openpanel.triggers.enabled", "false");
            }
            Main main = TestMains.start(properties);
            try {
                ObjectNode result = JSON.createObjectNode().put("scenario", scenario).put("reserve", reserve)
                        .put("concurrency", main.getCamelContext().getRegistry().lookupByNameAndType("importSettings",
                                dev.openpanel.camel.imports.ImportSettings.class).concurrency());
                Thread.sleep(PERIOD.toMillis() + 500);
                System.out.println("STARTED");
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                simulator.clearRequests();
                switch (parts[0]) {
                    case "import" -> importOnly(main, simulator, dir, competitor, result);
                    case "events" -> eventsDuringImport(main, simulator, dir, port, parts[3].equals("in-turn"), result);
                    default -> eventsOnFreeBudget(simulator, port, result);
                }
                return result;
            } finally {
                main.stop();
            }
        }
    }

    private static void importOnly(Main main, ManageApiSimulator simulator, Path dir, boolean competitor, ObjectNode result)
            throws Exception {
        CompetingCaller other = competitor ? simulator.startCompetingCaller(simulator.rootClient().id(), Duration.ofSeconds(1)) : null;
        long start = System.nanoTime();
        ImportSummary summary = importFile(main, projectsFile(dir, "bench", 100));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (other != null) {
            simulator.stopCompetingClient();
            result.put("its429", other.rateLimited()).put("itsCalls", other.calls());
        }
        check(summary, 100);
        List<Long> arrivals = simulator.requests().stream().map(RecordedRequest::nanoTime).sorted().toList();
        result.put("serverSeconds", (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9);
        result.put("seconds", seconds).put("requests", simulator.requests().size())
                .put("ours429", simulator.requests().stream().filter(r -> r.status() == 429).count())
                .put("maxWindow", simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id()));
    }

    private static void eventsDuringImport(Main main, ManageApiSimulator simulator, Path dir, int port, boolean inTurn,
            ObjectNode result) throws Exception {
        Path file = projectsFile(dir, "bulk", 200);
        long start = System.nanoTime();
        CompletableFuture<ImportSummary> running = CompletableFuture.supplyAsync(() -> importFile(main, file));
        Thread.sleep(15_000);
        RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, TOKEN);
        List<Long> accepted = new ArrayList<>();
        List<Long> lastCalls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            accepted.add(DeploymentEvents.post(intake, "during-" + i));
            if (inTurn) {
                lastCalls.add(lastCallOf(simulator, "during-" + i));
            }
        }
        for (int i = 1; i <= 3 && !inTurn; i++) {
            lastCalls.add(lastCallOf(simulator, "during-" + i));
        }
        var latencies = result.putArray("eventLastCall");
        for (int i = 0; i < 3; i++) {
            latencies.add((lastCalls.get(i) - accepted.get(i)) / 1e9);
        }
        check(running.get(), 200);
        result.put("seconds", (System.nanoTime() - start) / 1e9)
                .put("ours429", simulator.requests().stream().filter(r -> r.status() == 429).count());
    }

    private static void eventsOnFreeBudget(ManageApiSimulator simulator, int port, ObjectNode result) throws Exception {
        RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, TOKEN);
        List<Double> firstCalls = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int before = simulator.requests().size();
            long accepted = DeploymentEvents.post(intake, "free-" + i);
            lastCallOf(simulator, "free-" + i);
            firstCalls.add((simulator.requests().get(before).nanoTime() - accepted) / 1e6);
            Thread.sleep(2_500);
        }
        List<Double> sorted = firstCalls.stream().sorted().toList();
        result.put("firstCallMedianMs", sorted.get(sorted.size() / 2)).put("firstCallMaxMs", sorted.get(sorted.size() - 1));
    }

    /** Waits until the event's three writes were answered and returns the arrival of the last one (System.nanoTime). */
    private static long lastCallOf(ManageApiSimulator simulator, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordedRequest> calls = simulator.requests().stream()
                    .filter(r -> r.status() / 100 == 2 && r.body() != null && r.body().contains(id)).toList();
            if (calls.size() >= 3) {
                return calls.stream().mapToLong(RecordedRequest::nanoTime).max().orElseThrow();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("event " + id + " was not provisioned");
    }

    private static ImportSummary importFile(Main main, Path file) {
        return main.getCamelContext().createProducerTemplate().requestBodyAndHeaders("direct:import-file", file.toFile(),
                Map.of(ImportFiles.KIND, "projects"), ImportSummary.class);
    }

    private static Path projectsFile(Path dir, String prefix, int rows) throws Exception {
        Path file = dir.resolve(prefix + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("name,domain\n");
            for (int i = 1; i <= rows; i++) {
                out.write(prefix + " project " + i + ",https://" + prefix + i + ".example\n");
            }
        }
        return file;
    }

    private static void check(ImportSummary summary, int rows) {
        if (summary.statuses().getOrDefault("created", 0) != rows) {
            throw new IllegalStateException("unexpected import: " + summary.describe());
        }
    }
}
