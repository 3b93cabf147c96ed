package dev.openpanel.camel.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/**
 * Deployment events through the HTTP intake and the embedded broker against the simulator, with the real budget of 20
 * requests per 10 s and 50 ms of API latency. Prints, for events arriving while the budget is free (one every 2.5 s),
 * the time from the intake's 202 to the event's first API call and to its result message (median and p95); then, for
 * a burst of events, the throughput in events/min when the budget is the bottleneck. Each event makes a project, one
 * client and a reference: 4 calls.
 * <p>
 * Run: {@code mvn -q test-compile exec:java@provisioning-benchmark}.
 */
public final class ProvisioningBenchmark {

    private static final String TOKEN = "benchmark-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManageApiSimulator simulator;
    private final RawHttp intake;
    private final Map<String, Long> results = new ConcurrentHashMap<>();

    private ProvisioningBenchmark(ManageApiSimulator simulator, int port) {
        this.simulator = simulator;
        this.intake = RawHttp.bearer("http://127.0.0.1:" + port, TOKEN);
    }

    public static void main(String[] args) throws Exception {
        int spaced = 12;
        int burst = 30;
        Path dir = Files.createTempDirectory("provisioning-benchmark");
        int port = TestMains.freePort();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            simulator.behavior().latency(Duration.ofMillis(50));
            Main main = TestMains.start(Map.of("openpanel.api-url", simulator.url(),
                    "openpanel.client-id", simulator.rootClient().id(),
                    "openpanel.client-secret", simulator.rootClient().secret(),
                    "openpanel.data-dir", dir.resolve("data").toString(),
                    "openpanel.intake.token", TOKEN,
                    "openpanel.http.port", String.valueOf(port),
                    "openpanel.health.probe-interval", "1h"));
            ProvisioningBenchmark benchmark = new ProvisioningBenchmark(simulator, port);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread listener = benchmark.listen(main.getCamelContext().createConsumerTemplate(), running);
            try {
                System.out.printf(Locale.ROOT, "Provisioning benchmark: budget 20 requests / 10 s, API latency 50 ms, 4 calls per event%n");
                benchmark.warmUp();
                benchmark.budgetFree(spaced);
                Thread.sleep(10_500);
                benchmark.budgetBound(burst);
            } finally {
                running.set(false);
                listener.join();
                main.stop();
            }
        }
    }

    private Thread listen(ConsumerTemplate consumer, AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                Exchange message = consumer.receive("jms:queue:deployments.results", 200);
                if (message != null) {
                    long at = System.nanoTime();
                    try {
                        results.put(JSON.readTree(message.getIn().getBody(String.class)).get("eventId").asText(), at);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }, "results-listener");
        thread.start();
        return thread;
    }

    private void warmUp() throws InterruptedException {
        long accepted = post("warm-up");
        await("warm-up", accepted);
        Thread.sleep(10_500);
    }

    private void budgetFree(int events) throws InterruptedException {
        List<Double> toFirstCall = new ArrayList<>();
        List<Double> toResult = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            String id = "free-" + i;
            int before = simulator.requests().size();
            long accepted = post(id);
            long resultAt = await(id, accepted);
            List<RecordedRequest> calls = simulator.requests();
            long firstCall = calls.get(before).nanoTime();
            toFirstCall.add((firstCall - accepted) / 1e6);
            toResult.add((resultAt - accepted) / 1e6);
            Thread.sleep(Math.max(0, 2_500 - (System.nanoTime() - accepted) / 1_000_000));
        }
        System.out.printf(Locale.ROOT, "Budget free (%d events, one every 2.5 s):%n", events);
        System.out.printf(Locale.ROOT, "  202 -> first API call at the API (incl. 50 ms latency)   median %7.1f ms   p95 %7.1f ms%n", percentile(toFirstCall, 50),
                percentile(toFirstCall, 95));
        System.out.printf(Locale.ROOT, "  202 -> result message on deployments.results           median %7.1f ms   p95 %7.1f ms%n", percentile(toResult, 50),
                percentile(toResult, 95));
    }

    private void budgetBound(int events) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 1; i <= events; i++) {
            post("burst-" + i);
        }
        long last = 0;
        int inFirst30Seconds = 0;
        for (int i = 1; i <= events; i++) {
            long done = await("burst-" + i, start);
            last = Math.max(last, done);
            if (done - start < Duration.ofSeconds(30).toNanos()) {
                inFirst30Seconds++;
            }
        }
        long throttled = simulator.requests().stream().filter(r -> r.status() == 429).count();
        System.out.printf(Locale.ROOT, "Budget bound (%d events queued at once, the budget allows %.1f events/min at 4 calls each):%n",
                events, 20 / 4.0 * 6);
        System.out.printf(Locale.ROOT, "  %d events done in the first 30 s = %.1f events/min; all %d done in %.1f s; 429 answers: %d%n",
                inFirst30Seconds, inFirst30Seconds * 2.0, events, (last - start) / 1e9, throttled);
    }

    private long post(String id) {
        return DeploymentEvents.post(intake, id);
    }

    private long await(String id, long since) throws InterruptedException {
        while (!results.containsKey(id)) {
            if (System.nanoTime() - since > Duration.ofMinutes(3).toNanos()) {
                throw new IllegalStateException("no result for " + id);
            }
            Thread.sleep(2);
        }
        return results.get(id);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
