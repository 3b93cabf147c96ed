package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * Claims on shared inbox files on a real PostgreSQL, between instances that each have their own pool: one instance
 * holds a file while it renews its claim; the claim of one that stopped renewing is taken over after the timeout, by
 * exactly one of the instances that want it, and renewed by its new owner; the old owner's release leaves it alone.
 */
class InboxClaimsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final TestPostgres postgres = TestPostgres.shared();
    private final List<ClusterDatabase> databases = new ArrayList<>();
    private final List<InboxClaims> claims = new ArrayList<>();
    private DefaultCamelContext context;
    private String url;

    @BeforeEach
    void start() {
        url = postgres.newDatabase();
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        claims.forEach(InboxClaims::stop);
        databases.forEach(ClusterDatabase::close);
        context.stop();
    }

    @Test
    void aLiveOwnerKeepsItsFileAndTheClaimOfADeadOneIsTakenOverAndRenewed() {
        InboxClaims a = claims("a", true);
        InboxClaims b = claims("b", true);
        assertThat(a.add("projects/batch-1.csv")).isTrue();
        assertThat(b.add("projects/batch-1.csv")).as("held by a").isFalse();
        assertThat(b.add("clients/batch-1.csv")).as("another file").isTrue();
        // a renews its claim: well past the timeout it is still a's
        var first = a.renewedAt("projects/batch-1.csv");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.renewedAt("projects/batch-1.csv").after(first));
        await().pollDelay(TIMEOUT.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(b.add("projects/batch-1.csv")).as("still renewed by a").isFalse();

        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.add("projects/batch-1.csv"));
        assertThat(b.contains("projects/batch-1.csv")).isTrue();
        // the new owner renews it too, so a third instance does not take it after another timeout
        InboxClaims c = claims("c", true);
        await().pollDelay(TIMEOUT.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(c.add("projects/batch-1.csv")).as("renewed by b").isFalse();
        // a comes back and releases what it once held: b's claim stays
        assertThat(a.remove("projects/batch-1.csv")).isFalse();
        assertThat(c.add("projects/batch-1.csv")).isFalse();
        assertThat(b.remove("projects/batch-1.csv")).isTrue();
        assertThat(c.add("projects/batch-1.csv")).as("released").isTrue();
    }

    @Test
    void ofManyInstancesThatFindAClaimStaleExactlyOneTakesIt() throws Exception {
        InboxClaims dead = claims("dead", false);
        assertThat(dead.add("references/big.csv")).isTrue();
        List<InboxClaims> takers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            takers.add(claims("taker-" + i, true));
        }
        await().pollDelay(TIMEOUT.plusMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> true);
        ExecutorService threads = Executors.newFixedThreadPool(takers.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> won = new ArrayList<>();
            for (InboxClaims taker : takers) {
                Callable<Boolean> take = () -> {
                    go.await();
                    return taker.add("references/big.csv");
                };
                won.add(threads.submit(take));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : won) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    /** An instance's claims; {@code renewing} false is an instance that stopped (its claims are never renewed). */
    private InboxClaims claims(String instance, boolean renewing) {
        ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, instance),
                new ClusterReadiness());
        databases.add(database);
        InboxClaims repository = new InboxClaims(context, database.dataSource(), "inbox", instance, TIMEOUT);
        if (renewing) {
            repository.start();
        }
        claims.add(repository);
        return repository;
    }
}
