package dev.openpanel.camel.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.limit.LimiterStatus;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.simulator.CompetingCaller;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;

/**
 * The limiter when the budget is shared, against the simulator with the real budget (20 per 10 s) and API latency,
 * every scenario side by side in one run, each with its own simulator and limiter. 40 callers of ours send list calls
 * for as long as the run lasts, so the budget is always the bound.
 * <ol>
 * <li><b>Sharing the client id</b>: another tool on the same client id sends 1 request/s. Per setup (reserve,
 * priority of our calls): 429s on our side and on the other tool's, our achieved rate against the ideal for the budget
 * left to us ({@code (20 - reserve)} per 10.2 s), the most requests (both sides, 429s included) the simulator saw in
 * one of its windows, and the 429s as the limiter put them down (others / jitter).</li>
 * <li><b>Urgent calls beside bulk work</b>: while the 40 callers saturate the budget, one call is asked every 2.5 s
 * (each a GET of its own client id, so its arrival can be told apart). Per setup: the time from asking to the permit
 * (arrival at the simulator minus its latency; median, p95, max), the bulk callers' share of the permits, the achieved
 * rate against the ideal, 429s. "urgent flood" adds 8 callers of urgent calls that never stop, to show that bulk work
 * keeps its share.</li>
 * </ol>
 * Rates count the successful arrivals in whole limiter windows after the first (the first window's burst is left
 * out, as in {@link RateLimitBenchmark}).
 * <p>
 * Run: {@code mvn -q test-compile exec:java@shared-budget-benchmark} (options:
 * {@code -Dexec.args="--latency-ms 500 --windows 5 --callers 40"}).
 */
public final class SharedBudgetBenchmark {

    private static final int LIMIT = 20;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final long WINDOW = PERIOD.plus(RateLimitSettings.MANAGE_API.margin()).toNanos();
    private static final Duration COMPETITOR_INTERVAL = Duration.ofSeconds(1);
    private static final long PROBE_INTERVAL = TimeUnit.MILLISECONDS.toNanos(2_500);
    private static final int FLOOD_CALLERS = 8;

    private static final String BULK_CALLS = "openpanel:projects?priority=bulk";
    private static final String DEFAULT_CALLS = "openpanel:projects";

    private SharedBudgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(option(args, "--latency-ms", 500));
        int windows = option(args, "--windows", 5);
        int callers = option(args, "--callers", 40);
        System.out.printf(Locale.ROOT, "Shared-budget benchmark: budget %d per %d s, %d ms API latency, %d concurrent callers,"
                + " %d measured windows of 10.2 s per run, all runs side by side%n", LIMIT, PERIOD.toSeconds(), latency.toMillis(),
                callers, windows);

        List<Run> sharing = List.of(
                new Run("reserve 0, urgent (unpaced, as all were)", 0, DEFAULT_CALLS, true, null, 0),
                new Run("reserve 0, bulk (paced)", 0, BULK_CALLS, true, null, 0),
                new Run("reserve 11, urgent (unpaced)", 11, DEFAULT_CALLS, true, null, 0),
                new Run("reserve 11, bulk (paced)", 11, BULK_CALLS, true, null, 0));
        List<Run> urgent = List.of(
                new Run("all urgent (no priority, as all were)", 0, DEFAULT_CALLS, false, "urgent", 0),
                new Run("all bulk (pacing, no priority)", 0, BULK_CALLS, false, "bulk", 0),
                new Run("bulk + urgent (priority)", 0, BULK_CALLS, false, "urgent", 0),
                new Run("bulk + urgent flood", 0, BULK_CALLS, false, "urgent", FLOOD_CALLERS));
        List<Run> all = new ArrayList<>(sharing);
        all.addAll(urgent);
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        try {
            List<Callable<Result>> warmUps = new ArrayList<>();
            for (Run run : all) {
                warmUps.add(() -> run.execute(Duration.ZERO, 0, LIMIT));
            }
            for (Future<Result> future : pool.invokeAll(warmUps)) {
                future.get();
            }
            List<Callable<Result>> tasks = new ArrayList<>();
            for (Run run : all) {
                tasks.add(() -> run.execute(latency, windows, callers));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            printSharing(results.subList(0, sharing.size()));
            printUrgent(results.subList(sharing.size(), all.size()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printSharing(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nSharing the client id with another tool at 1 request/s:%n");
        System.out.printf(Locale.ROOT, "%-40s %5s %9s %9s %10s %7s %7s %9s %11s %13s%n", "setup", "ok", "our 429s",
                "its 429s", "its calls", "req/s", "ideal", "ratio", "max/window", "429s by cause");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-40s %5d %9d %9d %10d %7.3f %7.3f %9.3f %11d %13s%n", r.name, r.ok, r.rateLimited,
                    r.competitorRateLimited, r.competitorCalls, r.achieved, r.ideal, r.achieved / r.ideal, r.maxInWindow,
                    r.status.rateLimitedByOthers() + "/" + r.status.rateLimitedByJitter());
        }
        System.out.printf(Locale.ROOT, "(req/s: ours achieved; ideal = (20 - reserve) / 10.2 s; ratio = req/s / ideal;"
                + " max/window counts both sides, 429s included; 429s by cause = others/jitter as the limiter saw them)%n");
    }

    private static void printUrgent(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nUrgent calls while bulk callers saturate the budget (one asked every 2.5 s):%n");
        System.out.printf(Locale.ROOT, "%-40s %7s %14s %10s %10s %11s %9s %6s %11s%n", "setup", "urgent", "to permit: med",
                "p95", "max", "bulk share", "ratio", "429s", "max/window");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-40s %7d %12.0f ms %7.0f ms %7.0f ms %11.2f %9.3f %6d %11d%n", r.name, r.waits.size(),
                    percentile(r.waits, 0.5), percentile(r.waits, 0.95), percentile(r.waits, 1.0), r.bulkShare,
                    r.achieved / r.ideal, r.rateLimited, r.maxInWindow);
        }
        System.out.printf(Locale.ROOT, "(to permit = arrival at the simulator - ask - latency; bulk share = bulk calls among all"
                + " successful calls in the measured windows; ratio = achieved / 20 per 10.2 s)%n");
    }

    /**
     * One scenario: a simulator, a component with the reserve, callers of {@code calls}, optionally the competing tool,
     * urgent probes of the given priority and a flood of urgent callers.
     */
    private record Run(String name, int reserve, String calls, boolean competitor, String probePriority, int flood) {

        Result execute(Duration latency, int windows, int callers) throws Exception {
            try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
                simulator.behavior().latency(latency);
                DefaultCamelContext context = new DefaultCamelContext();
                OpenPanelComponent component = component(simulator, reserve);
                context.addComponent("openpanel", component);
                context.start();
                ProducerTemplate template = context.createProducerTemplate();
                ExecutorService threads = Executors.newCachedThreadPool();
                CompetingCaller other = competitor
                        ? simulator.startCompetingCaller(simulator.rootClient().id(), COMPETITOR_INTERVAL) : null;
                Map<String, Long> asked = new ConcurrentHashMap<>();
                List<Future<?>> probes = new ArrayList<>();
                long start = System.nanoTime();
                long measureEnd = start + (windows + 1) * WINDOW + latency.toNanos();
                long deadline = windows == 0 ? start : measureEnd + TimeUnit.SECONDS.toNanos(1);
                try {
                    if (windows == 0) {
                        warmUp(template, threads, callers);
                    }
                    for (int i = 0; i < callers; i++) {
                        threads.submit(() -> loop(template, calls, deadline));
                    }
                    for (int i = 0; i < flood; i++) {
                        threads.submit(() -> loop(template, "openpanel:references", deadline));
                    }
                    long nextProbe = start + WINDOW;
                    while (System.nanoTime() - deadline < 0) {
                        if (probePriority != null && System.nanoTime() - nextProbe >= 0 && measureEnd - nextProbe > 0) {
                            String id = UUID.randomUUID().toString();
                            asked.put("/manage/clients/" + id, System.nanoTime());
                            probes.add(threads.submit(() -> call(template, "openpanel:clients?operation=get&priority="
                                    + probePriority + "&id=" + id)));
                            nextProbe += PROBE_INTERVAL;
                        }
                        Thread.sleep(20);
                    }
                    simulator.stopCompetingClient();
                    // Calls already waiting stay ahead of (or behind) the last probes as they were; let those finish.
                    for (Future<?> probe : probes) {
                        probe.get(2, TimeUnit.MINUTES);
                    }
                } finally {
                    simulator.stopCompetingClient();
                    threads.shutdownNow();
                }
                LimiterStatus status = component.getManageApi().client().limiter().status();
                threads.awaitTermination(10, TimeUnit.SECONDS);
                context.stop();
                return measure(simulator, other, asked, latency, windows, status);
            }
        }

        private Result measure(ManageApiSimulator simulator, CompetingCaller other, Map<String, Long> asked, Duration latency,
                int windows, LimiterStatus status) {
            List<RecordedRequest> requests = simulator.requests();
            List<RecordedRequest> ok = requests.stream().filter(r -> r.status() == 200).toList();
            long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
            long from = ok.isEmpty() ? 0 : ok.get(0).nanoTime() + WINDOW;
            long until = from + windows * WINDOW;
            Predicate<RecordedRequest> measured = r -> r.status() != 429 && r.nanoTime() - from >= 0 && r.nanoTime() - until < 0;
            long inWindows = requests.stream().filter(measured).count();
            long bulk = requests.stream().filter(measured).filter(r -> r.path().equals("/manage/projects")).count();
            List<Double> waits = new ArrayList<>();
            asked.forEach((path, at) -> requests.stream().filter(r -> r.path().equals(path)).findFirst()
                    .ifPresent(r -> waits.add((r.nanoTime() - at - latency.toNanos()) / 1e6)));
            waits.sort(Double::compare);
            double span = windows * WINDOW / 1e9;
            return new Result(name, ok.size(), rateLimited, other == null ? 0 : other.calls(), other == null ? 0 : other.rateLimited(),
                    inWindows / span, (LIMIT - reserve) / (WINDOW / 1e9),
                    simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id()), waits,
                    inWindows == 0 ? Double.NaN : bulk / (double) inWindows, status);
        }
    }

    private record Result(String name, int ok, long rateLimited, int competitorCalls, int competitorRateLimited, double achieved,
            double ideal, int maxInWindow, List<Double> waits, double bulkShare, LimiterStatus status) {
    }

    private static OpenPanelComponent component(ManageApiSimulator simulator, int reserve) {
        OpenPanelComponent component = new OpenPanelComponent();
        component.setApiUrl(simulator.url());
        component.setClientId(simulator.rootClient().id());
        component.setClientSecret(simulator.rootClient().secret());
        component.setRateLimitRequests(LIMIT);
        component.setRateLimitPeriod(PERIOD);
        component.setRateLimitMargin(RateLimitSettings.MANAGE_API.margin());
        component.setRateLimitReserve(reserve);
        component.setResponseTimeout(Duration.ofSeconds(30));
        return component;
    }

    /** Every caller's first call at once, so that connections and code paths are ready before anything is measured. */
    private static void warmUp(ProducerTemplate template, ExecutorService threads, int calls) throws Exception {
        List<Future<?>> first = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            first.add(threads.submit(() -> call(template, DEFAULT_CALLS)));
        }
        for (Future<?> call : first) {
            call.get();
        }
    }

    private static void loop(ProducerTemplate template, String uri, long deadline) {
        while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            call(template, uri);
        }
    }

    private static void call(ProducerTemplate template, String uri) {
        try {
            template.requestBody(uri, (Object) null);
        } catch (RuntimeException e) {
            // 404s of the probes, calls cut short at the end: the simulator's log has what the API saw
        }
    }

    private static double percentile(List<Double> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
