package dev.openpanel.camel.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An in-process OpenPanel Manage API on loopback that behaves as {@code openpanel-manage-api.md} describes the real
 * server: paths under {@code /manage}, status codes and bodies, slug ids, soft deletes, secrets shown once and hashed
 * afterwards, and a fixed-window rate limit per client id with the same headers. Used by sandbox mode and by tests
 * over real HTTP.
 *
 * <pre>{@code
 * try (ManageApiSimulator api = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
 *     api.behavior().latency(Duration.ofMillis(20)).failures(0.05, 503);
 *     String url = api.url();                         // the API root: append /manage
 *     SimulatorStore.SeededClient root = api.rootClient();
 * }
 * }</pre>
 */
public final class ManageApiSimulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService competitor;
    private final SimulatorStore store;
    private final SimulatorBehavior behavior;
    private final FixedWindowRateLimit rateLimit;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final SimulatorStore.SeededClient rootClient;
    private ScheduledFuture<?> competing;

    private ManageApiSimulator(Builder builder) throws IOException {
        Random random = builder.seed == null ? new Random() : new Random(builder.seed);
        this.store = new SimulatorStore(random);
        this.behavior = new SimulatorBehavior(random);
        this.rateLimit = new FixedWindowRateLimit(builder.requests, builder.period.toNanos());
        this.rootClient = store.addRootClient();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "simulator-" + threads.incrementAndGet()));
        this.competitor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "simulator-competitor"));
        server.setExecutor(workers);
        server.createContext("/", new SimulatorHttpHandler(store, rateLimit, behavior, this::record,
                method -> received.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet()));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The API root, e.g. {@code http://127.0.0.1:41234}; the API itself is under {@code /manage}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The root client seeded at start, in organisation {@link SimulatorStore#DEFAULT_ORGANIZATION}. */
    public SimulatorStore.SeededClient rootClient() {
        return rootClient;
    }

    public SimulatorStore store() {
        return store;
    }

    public SimulatorBehavior behavior() {
        return behavior;
    }

    public FixedWindowRateLimit rateLimit() {
        return rateLimit;
    }

    /** Every request received so far, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * How many requests with this method have been received, counted as soon as they arrive, before the latency and
     * the handling: a test can see that a request is on its way before it is answered.
     */
    public int received(String method) {
        AtomicInteger count = received.get(method);
        return count == null ? 0 : count.get();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /** Spends part of a client id's budget at once, as another tool using the same client id would. */
    public void spendBudget(String clientId, int requestCount) {
        rateLimit.spend(clientId, requestCount, System.nanoTime());
    }

    /**
     * Starts a competing client that spends {@code requestsPerPeriod} of the client id's budget right away and then
     * once every {@code period}, on its own schedule.
     */
    public synchronized void startCompetingClient(String clientId, int requestsPerPeriod, Duration period) {
        stopCompetingClient();
        competing = competitor.scheduleAtFixedRate(() -> spendBudget(clientId, requestsPerPeriod), 0, period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Starts a competing caller on the same client id that sends one request right away and then one every
     * {@code interval}, each answered by the rate limit (it stops with {@link #stopCompetingClient()}); replaces any
     * competing client already running.
     */
    public synchronized CompetingCaller startCompetingCaller(String clientId, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the competing caller's interval must be positive, got " + interval);
        }
        stopCompetingClient();
        CompetingCaller caller = new CompetingCaller(rateLimit, clientId);
        competing = competitor.scheduleAtFixedRate(caller::call, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return caller;
    }

    public synchronized void stopCompetingClient() {
        if (competing != null) {
            competing.cancel(false);
            competing = null;
        }
    }

    @Override
    public void close() {
        stopCompetingClient();
        server.stop(0);
        workers.shutdownNow();
        competitor.shutdownNow();
    }

    private synchronized void record(RecordedRequest request) {
        requests.add(request);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Configures a simulator before it starts. */
    public static final class Builder {
        private int port;
        private int requests = 20;
        private Duration period = Duration.ofSeconds(10);
        private Long seed;

        private Builder() {
        }

        /** The loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The rate limit per client id; the real API's is 20 per 10 seconds (the default). */
        public Builder rateLimit(int requestsPerPeriod, Duration windowLength) {
            if (requestsPerPeriod < 1 || windowLength == null || windowLength.isZero() || windowLength.isNegative()) {
                throw new IllegalArgumentException("the rate limit needs at least 1 request per positive period");
            }
            this.requests = requestsPerPeriod;
            this.period = windowLength;
            return this;
        }

        /** Seeds every random choice (ids, secrets, slug suffixes, failures, jitter) for repeatable runs. */
        public Builder seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        public ManageApiSimulator start() {
            try {
                return new ManageApiSimulator(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Manage API simulator on port " + port + ": " + e.getMessage(), e);
            }
        }
    }
}
