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
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.openpanel.camel.component.limit.CallPriority;
import dev.openpanel.camel.component.limit.Permit;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.component.limit.ServerBudget;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * The cluster limiter called directly, each instance with its own pool on one real PostgreSQL: what one instance
 * learns from the server, the others honour.
 */
@Timeout(60)
class ClusterRateLimiterTest {

    private static final RateLimitSettings SETTINGS = new RateLimitSettings(5, Duration.ofSeconds(1), Duration.ofMillis(100));
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static TestPostgres postgres;
    private static String url;
    private static int clients;
    private final List<ClusterDatabase> databases = new ArrayList<>();
    private final List<ClusterReadiness> readiness = new ArrayList<>();
    private final String client = "http://127.0.0.1/api client-" + (++clients);

    @BeforeAll
    static void start() {
        postgres = TestPostgres.shared();
        url = postgres.newDatabase();
    }

    @AfterEach
    void close() {
        databases.forEach(ClusterDatabase::close);
    }

    @Test
    void twoInstancesShareTheBudgetAndTheNextPermitWaitsForTheFirstSendToLeaveTheWindow() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        ClusterRateLimiter b = instance("b", System::nanoTime);
        long first = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Permit permit = (i % 2 == 0 ? a : b).acquire();
            assertThat(permit.waitedNanos()).as("permit %d of the budget goes at once", i).isLessThan(500 * MS);
        }
        Permit sixth = b.acquire(CallPriority.URGENT);
        assertThat(System.nanoTime() - first).as("the sixth waits for the first to leave period + margin")
                .isGreaterThanOrEqualTo(1_100 * MS - 20 * MS);
        assertThat(sixth.waitedNanos()).isGreaterThan(500 * MS);
        assertThat(a.status().budget()).isEqualTo(5);
        assertThat(b.status().ownRequests()).as("the cluster's sends in the window, as the last permit saw them").isEqualTo(5);
    }

    @Test
    void aRemainingCountTheClustersSendsCannotExplainMakesEveryInstanceWaitForTheServersReset() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        ClusterRateLimiter b = instance("b", System::nanoTime);
        Permit permit = a.acquire();
        a.onAnswer(permit, new ServerBudget(false, OptionalInt.of(5), OptionalInt.of(0), OptionalInt.of(1), OptionalInt.empty()));
        assertThat(a.status().foreignRequestsEstimated()).as("4 of the 5 the server counts are someone else's").isEqualTo(4);
        long asked = System.nanoTime();
        b.acquire();
        assertThat(System.nanoTime() - asked).as("the other instance waits for the server's window to reset")
                .isGreaterThanOrEqualTo(900 * MS);
    }

    @Test
    void a429OfOneInstanceBlocksTheOtherForItsRetryAfterAndFreesItsSlot() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        ClusterRateLimiter b = instance("b", System::nanoTime);
        Permit refused = a.acquire();
        a.onAnswer(refused, new ServerBudget(true, OptionalInt.of(5), OptionalInt.of(0), OptionalInt.of(1), OptionalInt.of(1)));
        assertThat(a.status().rateLimitedByOthers()).as("one send of ours could not fill the window: others did").isEqualTo(1);
        long asked = System.nanoTime();
        b.acquire();
        assertThat(System.nanoTime() - asked).isGreaterThanOrEqualTo(950 * MS);
        assertThat(sendsInLog()).as("the refused send left the log; the other's is in it").isEqualTo(1);
    }

    @Test
    void bulkPermitsOfAllInstancesFollowOneSharedPacedScheduleOnceHalfTheBudgetIsOut() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        ClusterRateLimiter b = instance("b", System::nanoTime);
        RateLimitSettings four = new RateLimitSettings(4, Duration.ofSeconds(1), Duration.ofMillis(100));
        ClusterRateLimiter pacedA = new ClusterRateLimiter(four, databases.get(0), client + "-paced", "a", System::nanoTime);
        ClusterRateLimiter pacedB = new ClusterRateLimiter(four, databases.get(1), client + "-paced", "b", System::nanoTime);
        long start = System.nanoTime();
        pacedA.acquire(CallPriority.BULK);
        pacedA.acquire(CallPriority.BULK);
        assertThat(System.nanoTime() - start).as("half the budget goes at once").isLessThan(250 * MS);
        pacedB.acquire(CallPriority.BULK);
        assertThat(System.nanoTime() - start).as("the other instance's bulk permit waits for the shared schedule:"
                + " two spacings of 1.1 s / 4 after the first, though the budget has room").isGreaterThanOrEqualTo(530 * MS);
        long urgent = System.nanoTime();
        pacedB.acquire(CallPriority.URGENT);
        assertThat(System.nanoTime() - urgent).as("an urgent call is never paced").isLessThan(250 * MS);
        assertThat(a.settings()).isEqualTo(b.settings());
    }

    @Test
    void withinAnInstanceAWaitingUrgentCallGetsTheNextPermitBeforeBulkCallsThatWaitedLonger() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        for (int i = 0; i < 5; i++) {
            a.acquire();
        }
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            callers.add(CompletableFuture.runAsync(() -> take(a, CallPriority.BULK, order, "bulk")));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.status().bulkWaiting() == 2);
        callers.add(CompletableFuture.runAsync(() -> take(a, CallPriority.URGENT, order, "urgent")));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.status().urgentWaiting() == 1);
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(order).containsExactly("urgent", "bulk", "bulk");
    }

    @Test
    void anUrgentCallThatComesWhileABulkPermitIsBeingAskedForIsNotLeftWaitingWhenTheAnswerIsToWait() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        for (int i = 0; i < 5; i++) {
            a.acquire();
        }
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        try (Connection other = DriverManager.getConnection(url, postgres.user(), postgres.password())) {
            // another instance's permit transaction holds the budget row: this instance's bulk ask is in flight meanwhile
            other.setAutoCommit(false);
            try (PreparedStatement hold = other.prepareStatement("SELECT 1 FROM openpanel_rate_budget WHERE client_key = ? FOR UPDATE")) {
                hold.setString(1, client);
                hold.executeQuery().close();
            }
            callers.add(CompletableFuture.runAsync(() -> take(a, CallPriority.BULK, order, "bulk")));
            await().atMost(Duration.ofSeconds(4)).until(() -> waitingForTheBudgetRow(other));
            callers.add(CompletableFuture.runAsync(() -> take(a, CallPriority.URGENT, order, "urgent")));
            await().atMost(Duration.ofSeconds(4)).until(() -> a.status().urgentWaiting() == 1);
            other.commit();
        }
        // the bulk ask comes back "wait for the window": the urgent call, first in line now, asks next
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("urgent", "bulk");
    }

    private static boolean waitingForTheBudgetRow(Connection connection) throws java.sql.SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name LIKE 'openpanel-camel a%'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static void take(ClusterRateLimiter limiter, CallPriority priority, List<String> order, String name) {
        try {
            limiter.acquire(priority);
            order.add(name);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnswerThatCameLateCountsItsSendFromLaterForEveryInstance() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000 * MS);
        ClusterRateLimiter a = instance("a", now::get);
        Permit quick = a.acquire();
        now.addAndGet(10 * MS);
        a.onAnswer(quick, ServerBudget.unknown());
        Permit slow = a.acquire();
        now.addAndGet(410 * MS);
        a.onAnswer(slow, ServerBudget.unknown());
        assertThat(countedLaterMillis(slow.sequence())).as("410 ms against the quickest 10 ms, less half the 100 ms margin")
                .isBetween(348L, 352L);
        assertThat(countedLaterMillis(quick.sequence())).isZero();
    }

    @Test
    void withTheDatabaseDownACallWaitsAndReadinessSaysWhyThenItResumesWhenTheDatabaseIsBack() throws Exception {
        ClusterRateLimiter a = instance("a", System::nanoTime);
        a.acquire();
        assertThat(readiness.get(0).isReachable()).isTrue();
        postgres.stop();
        CompletableFuture<Permit> waiting;
        try {
            waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.acquire();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !readiness.get(0).isReachable());
            assertThat(readiness.get(0).detail()).startsWith("the cluster database " + url + " cannot be used: ")
                    .doesNotContain(postgres.password());
            assertThat(waiting).as("no permit without the shared budget").isNotDone();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        } finally {
            postgres.start();
        }
        assertThat(waiting.get(20, TimeUnit.SECONDS).sequence()).isPositive();
        assertThat(readiness.get(0).isReachable()).isTrue();
    }

    private ClusterRateLimiter instance(String name, LongSupplier clock) {
        ClusterReadiness ready = new ClusterReadiness();
        ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, name), ready);
        databases.add(database);
        readiness.add(ready);
        try {
            database.migrate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ClusterRateLimiter(SETTINGS, database, client, name, clock);
    }

    private int sendsInLog() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM openpanel_rate_sends WHERE client_key = ?")) {
            query.setString(1, client);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private long countedLaterMillis(long sendId) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT openpanel_micros(counted_from - granted_at) / 1000 FROM openpanel_rate_sends WHERE id = ?")) {
            query.setLong(1, sendId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
