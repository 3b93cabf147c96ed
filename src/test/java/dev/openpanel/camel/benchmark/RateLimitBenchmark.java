package dev.openpanel.camel.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;

/**
 * Sends N list calls through the {@code openpanel:} component, and through Camel's Throttle EIP (TotalRequests, 20
 * per 10000 ms) in front of plain camel-http as a baseline, against the simulator at 20 ms, 500 ms and 2 s latency,
 * all six runs side by side. Prints per run: achieved requests/s, the limit, their ratio, the most requests the
 * simulator saw in one of its windows, and the 429 count.
 * <p>
 * Achieved rate = (successful calls - 20) / (arrival of the last successful call - arrival of the first), measured by
 * the simulator: the first 20 calls go at once for any limiter, so they are left out, leaving the rate a limiter
 * sustains. A perfect fixed-window client reaches exactly the limit, ratio 1.0.
 * <p>
 * Run: {@code mvn -q test-compile exec:java@benchmark} (options: {@code -Dexec.args="--calls 100 --callers 40"}).
 */
public final class RateLimitBenchmark {

    private static final int LIMIT = 20;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final List<Duration> LATENCIES = List.of(Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(2));

    private RateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = option(args, "--calls", 100);
        int callers = option(args, "--callers", 40);
        System.out.printf(Locale.ROOT, "Rate-limit benchmark: %d list calls per run, %d concurrent callers, budget %d per %d s,"
                + " all runs side by side after a warm-up%n", calls, callers, LIMIT, PERIOD.toSeconds());
        warmUp(callers);
        List<Callable<Result>> runs = new ArrayList<>();
        for (Duration latency : LATENCIES) {
            runs.add(() -> run("openpanel limiter", latency, calls, callers, false));
            runs.add(() -> run("Throttle EIP + http", latency, calls, callers, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        List<Result> results = new ArrayList<>();
        try {
            for (Future<Result> future : pool.invokeAll(runs)) {
                results.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "%-20s %8s %6s %6s %6s %11s %15s %12s %7s %7s%n", "limiter", "latency", "calls", "ok",
                "429s", "max/window", "achieved req/s", "limit req/s", "ratio", "wall s");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-20s %6d ms %6d %6d %6d %11d %15.3f %12.3f %7.3f %7.1f%n", r.name, r.latency.toMillis(),
                    r.calls, r.ok, r.rateLimited, r.maxInWindow, r.achieved, r.limit, r.achieved / r.limit, r.wallSeconds);
        }
    }

    /** Loads and compiles both paths (Camel, HttpClient, the simulator) so that the runs measure a warm JVM. */
    private static void warmUp(int callers) throws Exception {
        List<Callable<Result>> warmUps = List.of(
                () -> run("warm-up", Duration.ZERO, LIMIT, callers, false),
                () -> run("warm-up", Duration.ZERO, LIMIT, callers, true));
        ExecutorService pool = Executors.newFixedThreadPool(warmUps.size());
        try {
            for (Future<Result> future : pool.invokeAll(warmUps)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result run(String name, Duration latency, int calls, int callers, boolean baseline) throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
            simulator.behavior().latency(latency);
            DefaultCamelContext context = new DefaultCamelContext();
            String endpoint = baseline ? baseline(context, simulator) : ours(context, simulator);
            context.start();
            long start = System.nanoTime();
            try {
                send(context.createProducerTemplate(), endpoint, calls, callers);
            } finally {
                context.stop();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<RecordedRequest> ok = simulator.requests().stream().filter(r -> r.status() == 200).toList();
            long rateLimited = simulator.requests().stream().filter(r -> r.status() == 429).count();
            double span = ok.size() > LIMIT ? (ok.get(ok.size() - 1).nanoTime() - ok.get(0).nanoTime()) / 1e9 : Double.NaN;
            return new Result(name, latency, calls, ok.size(), rateLimited,
                    simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id()),
                    (ok.size() - LIMIT) / span, LIMIT / (double) PERIOD.toSeconds(), wall);
        }
    }

    private static String ours(DefaultCamelContext context, ManageApiSimulator simulator) {
        OpenPanelComponent component = new OpenPanelComponent();
        component.setApiUrl(simulator.url());
        component.setClientId(simulator.rootClient().id());
        component.setClientSecret(simulator.rootClient().secret());
        component.setRateLimitRequests(LIMIT);
        component.setRateLimitPeriod(PERIOD);
        component.setRateLimitMargin(RateLimitSettings.MANAGE_API.margin());
        component.setResponseTimeout(Duration.ofSeconds(30));
        context.addComponent("openpanel", component);
        return "openpanel:projects?operation=list";
    }

    private static String baseline(DefaultCamelContext context, ManageApiSimulator simulator) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:baseline").routeId("throttle-baseline")
                        .throttle(LIMIT).totalRequestsMode().timePeriodMillis(PERIOD.toMillis())
                        .setHeader("openpanel-client-id", constant(simulator.rootClient().id()))
                        .setHeader("openpanel-client-secret", constant(simulator.rootClient().secret()))
                        .to(simulator.url() + "/manage/projects?throwExceptionOnFailure=false");
            }
        });
        return "direct:baseline";
    }

    private static void send(ProducerTemplate template, String endpoint, int calls, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(() -> template.requestBody(endpoint, (Object) null));
            }
            for (Future<Object> future : pool.invokeAll(tasks)) {
                try {
                    future.get();
                } catch (Exception e) {
                    // a failed call shows in the ok and 429 counts
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private record Result(String name, Duration latency, int calls, int ok, long rateLimited, int maxInWindow,
            double achieved, double limit, double wallSeconds) {
    }
}
