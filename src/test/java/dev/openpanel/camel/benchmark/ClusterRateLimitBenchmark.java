package dev.openpanel.camel.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import dev.openpanel.camel.cluster.ClusterDatabase;
import dev.openpanel.camel.cluster.ClusterRateLimiter;
import dev.openpanel.camel.cluster.ClusterRateLimiters;
import dev.openpanel.camel.cluster.ClusterReadiness;
import dev.openpanel.camel.cluster.ClusterSettings;
import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.limit.Permit;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * The cluster limiter on a real PostgreSQL (the tests' own, on loopback): what a permit costs, and the rate 1, 2 and 3
 * limiter instances achieve together on one root client against the simulator with latency.
 * <p>
 * <b>Permit cost</b>: the time of {@code acquire()} when the budget has room, i.e. one permit transaction, for one
 * instance alone and for three instances asking at once (each permit is handed back as never sent, which frees its
 * slot, so nothing waits for the window; the budget is the Manage API's).
 * <p>
 * <b>Rates</b>: each run has its own simulator (20 per 10 s, the Manage API's) and N instances, each an own Camel
 * context, component and connection pool as separate processes would have; all runs go side by side. The achieved rate
 * is computed as in {@link RateLimitBenchmark}: (successful calls - 20) / (arrival of the last - arrival of the first),
 * as the simulator saw them. The instances are limiter instances in one JVM, not separate service processes: a
 * multi-process end-to-end benchmark comes with the later stages of cluster mode.
 * <p>
 * Run: {@code mvn -q test-compile exec:exec@cluster-benchmark} (options: {@code -Dexec.args=...} is taken by the
 * execution; edit {@link #CALLS} / {@link #LATENCY} here).
 */
public final class ClusterRateLimitBenchmark {

    private static final int LIMIT = 20;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int CALLS = 100;
    private static final int CALLERS_PER_INSTANCE = 16;
    private static final int COST_SAMPLES = 1_000;

    private ClusterRateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String url = postgres.newDatabase();
        System.out.printf(Locale.ROOT, "Cluster rate-limit benchmark: PostgreSQL 14 on loopback (started in %d ms), budget %d per %d s,"
                + " margin %d ms%n", postgres.startedIn().toMillis(), LIMIT, PERIOD.toSeconds(),
                RateLimitSettings.MANAGE_API.margin().toMillis());
        permitCost(postgres, url, 1);
        permitCost(postgres, url, 3);
        List<Callable<Result>> runs = new ArrayList<>();
        for (int instances = 1; instances <= 3; instances++) {
            int n = instances;
            runs.add(() -> run(postgres, url, n));
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
        System.out.printf(Locale.ROOT, "%-10s %8s %6s %6s %6s %11s %15s %12s %7s %7s%n", "instances", "latency", "calls", "ok",
                "429s", "max/window", "achieved req/s", "limit req/s", "ratio", "wall s");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-10d %5d ms %6d %6d %6d %11d %15.3f %12.3f %7.3f %7.1f%n", r.instances,
                    LATENCY.toMillis(), CALLS, r.ok, r.rateLimited, r.maxInWindow, r.achieved, r.limit, r.achieved / r.limit,
                    r.wallSeconds);
        }
        System.exit(0);
    }

    /** Median and 99th percentile of a permit's transaction, with {@code instances} instances asking at once. */
    private static void permitCost(TestPostgres postgres, String url, int instances) throws Exception {
        List<ClusterDatabase> databases = new ArrayList<>();
        List<Callable<long[]>> askers = new ArrayList<>();
        String client = "benchmark-cost-" + instances + " " + java.util.UUID.randomUUID();
        for (int i = 0; i < instances; i++) {
            ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password,
                    "cost-" + i), new ClusterReadiness());
            database.migrate();
            databases.add(database);
            ClusterRateLimiter limiter = new ClusterRateLimiter(RateLimitSettings.MANAGE_API, database, client, "cost-" + i);
            askers.add(() -> {
                for (int w = 0; w < 200; w++) {
                    limiter.onNotSent(limiter.acquire());
                }
                long[] nanos = new long[COST_SAMPLES];
                for (int s = 0; s < COST_SAMPLES; s++) {
                    long start = System.nanoTime();
                    Permit permit = limiter.acquire();
                    nanos[s] = System.nanoTime() - start;
                    limiter.onNotSent(permit);
                }
                return nanos;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        long[] all = new long[instances * COST_SAMPLES];
        try {
            int at = 0;
            for (Future<long[]> future : pool.invokeAll(askers)) {
                long[] some = future.get();
                System.arraycopy(some, 0, all, at, some.length);
                at += some.length;
            }
        } finally {
            pool.shutdownNow();
            databases.forEach(ClusterDatabase::close);
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "Permit cost, %d instance(s) asking at once, %d permits each: median %.2f ms, p99 %.2f ms,"
                + " max %.2f ms%n", instances, COST_SAMPLES, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6);
    }

    private static Result run(TestPostgres postgres, String url, int instances) throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
            simulator.behavior().latency(LATENCY);
            List<DefaultCamelContext> contexts = new ArrayList<>();
            List<ClusterDatabase> databases = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String name = "rate-" + instances + "-" + i;
                ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, name),
                        new ClusterReadiness());
                database.migrate();
                databases.add(database);
                OpenPanelComponent component = new OpenPanelComponent();
                component.setApiUrl(simulator.url());
                component.setClientId(simulator.rootClient().id());
                component.setClientSecret(simulator.rootClient().secret());
                component.setRateLimitRequests(LIMIT);
                component.setRateLimitPeriod(PERIOD);
                component.setRateLimitMargin(RateLimitSettings.MANAGE_API.margin());
                component.setRateLimiters(new ClusterRateLimiters(database, name));
                DefaultCamelContext context = new DefaultCamelContext();
                context.addComponent("openpanel", component);
                context.start();
                contexts.add(context);
            }
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(instances * CALLERS_PER_INSTANCE);
            try {
                List<Callable<Object>> tasks = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    ProducerTemplate template = contexts.get(i % instances).createProducerTemplate();
                    tasks.add(() -> template.requestBody("openpanel:projects", (Object) null));
                }
                for (Future<Object> future : pool.invokeAll(tasks)) {
                    try {
                        future.get();
                    } catch (Exception e) {
                        // shows in the ok and 429 counts
                    }
                }
            } finally {
                pool.shutdownNow();
                contexts.forEach(DefaultCamelContext::stop);
                databases.forEach(ClusterDatabase::close);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<RecordedRequest> ok = simulator.requests().stream().filter(r -> r.status() == 200).toList();
            long rateLimited = simulator.requests().stream().filter(r -> r.status() == 429).count();
            double span = ok.size() > LIMIT ? (ok.get(ok.size() - 1).nanoTime() - ok.get(0).nanoTime()) / 1e9 : Double.NaN;
            return new Result(instances, ok.size(), rateLimited, simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id()),
                    (ok.size() - LIMIT) / span, LIMIT / (double) PERIOD.toSeconds(), wall);
        }
    }

    private record Result(int instances, int ok, long rateLimited, int maxInWindow, double achieved, double limit,
            double wallSeconds) {
    }
}
