package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.TestApis;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * Several instances (each its own Camel context, component and connection pool, as separate processes would have)
 * spending one root client's budget through the shared log in a real PostgreSQL, against the simulator over HTTP.
 */
@Timeout(90)
class SharedBudgetTest {

    private static final int LIMIT = 10;
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofMillis(100);

    private static TestPostgres postgres;
    private static String url;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void database() {
        postgres = TestPostgres.shared();
        url = postgres.newDatabase();
    }

    @AfterEach
    void closeInstances() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void threeInstancesHammeringOneClientNeverExceedTheBudgetInAnyWindowAndTogetherGetCloseToIt() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, PERIOD).start()) {
            // the instances' clocks are an hour apart: only the database's clock times the shared log
            List<DefaultCamelContext> instances = List.of(instance(simulator, "a", System::nanoTime),
                    instance(simulator, "b", () -> System.nanoTime() + TimeUnit.HOURS.toNanos(1)),
                    instance(simulator, "c", () -> System.nanoTime() - TimeUnit.HOURS.toNanos(1)));
            int calls = 45;
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Callable<Object>> tasks = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    ProducerTemplate template = instances.get(i % 3).createProducerTemplate();
                    tasks.add(() -> template.requestBody("openpanel:projects", (Object) null));
                }
                for (Future<Object> result : pool.invokeAll(tasks)) {
                    assertThat(result.get()).isInstanceOf(List.class);
                }
            } finally {
                pool.shutdownNow();
            }
            List<RecordedRequest> requests = simulator.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsOnly(200).hasSize(calls);
            assertThat(simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id()))
                    .as("the server never saw more than its limit in one of its windows").isLessThanOrEqualTo(LIMIT);
            assertThat(requests).extracting(RecordedRequest::clientId).containsOnly(simulator.rootClient().id());
            assertThat(maxGrantsInAnyWindowOnTheDatabaseClock(simulator)).as("the shared log, on the database's clock")
                    .isLessThanOrEqualTo(LIMIT);
            double span = (requests.get(calls - 1).nanoTime() - requests.get(0).nanoTime()) / 1e9;
            double achieved = (calls - LIMIT) / span;
            // the first calls of each instance open connections and reach the server late, which the log counts
            double best = LIMIT / (PERIOD.plus(MARGIN).toMillis() / 1000.0);
            assertThat(achieved).as("requests/s after the first window's burst, against %.2f at best", best)
                    .isGreaterThan(0.75 * best);
        }
    }

    @Test
    void a429RecordedByOneInstanceMakesTheOtherWaitForItsRetryAfter() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(LIMIT, Duration.ofSeconds(2)).start()) {
            DefaultCamelContext first = instance(simulator, "a", System::nanoTime, Duration.ofSeconds(2));
            DefaultCamelContext second = instance(simulator, "b", System::nanoTime, Duration.ofSeconds(2));
            long spentAt = System.nanoTime();
            simulator.spendBudget(simulator.rootClient().id(), LIMIT);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<List<?>> firstCall = caller.submit(() -> TestApis.api(first).projects().list());
                // once the first instance has recorded its 429 in the shared state (until then, as with any request in
                // flight, the other could not know)
                await().atMost(Duration.ofSeconds(10)).until(() -> TestApis.api(first).client().limiter().status()
                        .rateLimitedByOthers() == 1);
                TestApis.api(second).projects().list();
                firstCall.get(10, TimeUnit.SECONDS);
            } finally {
                caller.shutdownNow();
            }
            List<RecordedRequest> requests = simulator.requests();
            assertThat(requests).extracting(RecordedRequest::status).as("the second instance never asked too early")
                    .containsExactly(429, 200, 200);
            RecordedRequest limited = requests.get(0);
            long windowEnd = spentAt + TimeUnit.SECONDS.toNanos(2);
            long retryAfter = TimeUnit.SECONDS.toNanos((long) Math.ceil((windowEnd - limited.nanoTime()) / 1e9));
            assertThat(requests.get(1).nanoTime() - limited.nanoTime()).isGreaterThanOrEqualTo(retryAfter - TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(requests.get(2).nanoTime() - limited.nanoTime()).isGreaterThanOrEqualTo(retryAfter - TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private DefaultCamelContext instance(ManageApiSimulator simulator, String name, LongSupplier clock) {
        return instance(simulator, name, clock, PERIOD);
    }

    private DefaultCamelContext instance(ManageApiSimulator simulator, String name, LongSupplier clock, Duration period) {
        ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, name),
                new ClusterReadiness());
        open.add(database);
        try {
            database.migrate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        OpenPanelComponent component = TestApis.component(simulator, LIMIT, period);
        component.setRateLimitMargin(MARGIN);
        component.setRateLimiters(new ClusterRateLimiters(database, name, clock));
        DefaultCamelContext context = TestApis.context(component, c -> { });
        open.add(context::stop);
        return context;
    }

    /**
     * The most sends of the shared log granted within one period plus margin of each other, on the database's clock.
     * (Counted from their grants: a late answer moves a send's count later afterwards, which can put more into a window
     * in hindsight than any permit saw when it was granted.)
     */
    private static int maxGrantsInAnyWindowOnTheDatabaseClock(ManageApiSimulator simulator) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement("SELECT max((SELECT count(*) FROM openpanel_rate_sends t"
                        + " WHERE t.client_key = s.client_key AND t.granted_at >= s.granted_at"
                        + " AND t.granted_at < s.granted_at + (? * interval '1 millisecond'))),"
                        + " count(*) FROM openpanel_rate_sends s WHERE s.client_key LIKE ?")) {
            query.setLong(1, PERIOD.plus(MARGIN).toMillis());
            query.setString(2, "% " + simulator.rootClient().id());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(2)).as("every send is in the log").isEqualTo(45);
                return rows.getInt(1);
            }
        }
    }
}
