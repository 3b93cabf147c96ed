package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * Schedules in cluster mode on a real PostgreSQL: Camel contexts in one JVM, each with its own pool and Quartz scheduler
 * as separate instances would have, share one database; a cron of every second fires each tick on exactly one of them.
 */
@Timeout(60)
class ClusterSchedulerTest {

    private static final String EVERY_SECOND = "0/1+*+*+*+*+?";
    private static TestPostgres postgres;
    private static String url;

    private final Queue<Fire> fires = new ConcurrentLinkedQueue<>();
    private final List<CamelContext> contexts = new ArrayList<>();

    /** One firing: which instance ran the tick scheduled for when. */
    record Fire(String instance, Instant scheduled) {
    }

    @BeforeAll
    static void database() {
        postgres = TestPostgres.shared();
        url = postgres.newDatabase();
    }

    @AfterEach
    void stopAll() {
        contexts.forEach(CamelContext::stop);
    }

    @Test
    void threeInstancesFireEachTickOnceAndTheOthersGoOnWhenOneStops() throws Exception {
        CamelContext a = clustered("a");
        CamelContext b = clustered("b");
        CamelContext c = clustered("c");
        Instant allStarted = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> ticksAfter(allStarted) >= 5);

        String busiest = latest().instance();
        CamelContext stopped = Map.of("a", a, "b", b, "c", c).get(busiest);
        stopped.stop();
        Instant stoppedAt = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> ticksAfter(stoppedAt) >= 3);
        List<CamelContext> running = new ArrayList<>(contexts);
        running.remove(stopped);
        running.forEach(CamelContext::stop);

        Map<Instant, List<String>> byTick = byTick();
        System.out.printf("Ticks fired: %d, by instance %s, %s stopped at %s%n", byTick.size(), fires.stream()
                .collect(Collectors.groupingBy(Fire::instance, TreeMap::new, Collectors.counting())), busiest, stoppedAt);
        assertThat(byTick).allSatisfy((tick, instances) -> assertThat(instances).as("instances that fired " + tick).hasSize(1));
        assertThat(byTick.size()).isGreaterThanOrEqualTo(8);
        assertThat(byTick.entrySet()).filteredOn(tick -> tick.getKey().isAfter(stoppedAt))
                .allSatisfy(tick -> assertThat(tick.getValue()).doesNotContain(busiest)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(wholeSeconds(new ArrayList<>(byTick.keySet()))).as("every second from the first tick to the last fired: "
                + byTick).isTrue();
    }

    @Test
    void theCronOfTheInstanceStartedLastReplacesTheStoredTriggerAndTheJobDataIsPlainText() throws Exception {
        clustered("p", "quartz:openpanel/daily?cron=0+0+3+*+*+?");
        clustered("q", "quartz:openpanel/daily?cron=0+30+4+*+*+?");
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT cron_expression FROM openpanel_qrtz_cron_triggers"
                    + " WHERE sched_name = 'openpanel' AND trigger_group = 'openpanel' AND trigger_name = 'daily'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("0 30 4 * * ?");
                assertThat(rows.next()).as("one trigger for both instances").isFalse();
            }
            try (ResultSet rows = statement.executeQuery("SELECT job_data FROM openpanel_qrtz_job_details"
                    + " WHERE job_group = 'openpanel' AND job_name = 'daily'")) {
                assertThat(rows.next()).isTrue();
                String data = new String(rows.getBytes(1), StandardCharsets.ISO_8859_1);
                assertThat(data).as("java.util.Properties text, no Java serialisation").contains("CamelQuartzCamelContextName=openpanel-camel")
                        .contains("CamelQuartzEndpoint=quartz");
            }
        }
    }

    @Test
    void withoutClusterModeEachContextFiresEveryTickOnItsOwn() throws Exception {
        inMemory("x");
        inMemory("y");
        Instant started = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticksAfter(started) >= 3);
        assertThat(byTick().values()).filteredOn(instances -> instances.size() == 2)
                .allSatisfy(instances -> assertThat(instances).containsExactlyInAnyOrder("x", "y")).hasSizeGreaterThanOrEqualTo(2);
    }

    private CamelContext clustered(String instance) throws Exception {
        return clustered(instance, "quartz:openpanel/tick?cron=" + EVERY_SECOND);
    }

    private CamelContext clustered(String instance, String uri) throws Exception {
        CamelContext context = context(instance);
        ClusterSettings settings = new ClusterSettings(url, postgres.user(), postgres::password, instance);
        ClusterMode.open(settings).start(context, true);
        return started(context, instance, uri);
    }

    private CamelContext inMemory(String instance) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("openpanel-camel-" + instance);
        contexts.add(context);
        return started(context, instance, "quartz:openpanel/tick?cron=" + EVERY_SECOND);
    }

    private CamelContext context(String instance) {
        DefaultCamelContext context = new DefaultCamelContext();
        // one name on every instance, as the service's camel.main.name: camel-quartz finds the context by it
        context.getCamelContextExtension().setName("openpanel-camel");
        contexts.add(context);
        return context;
    }

    private CamelContext started(CamelContext context, String instance, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("tick").process(exchange -> fires.add(new Fire(instance,
                        exchange.getMessage().getHeader("scheduledFireTime", Date.class).toInstant())));
            }
        });
        context.start();
        return context;
    }

    private long ticksAfter(Instant time) {
        return fires.stream().filter(fire -> fire.scheduled().isAfter(time)).map(Fire::scheduled).distinct().count();
    }

    private Fire latest() {
        return fires.stream().max((x, y) -> x.scheduled().compareTo(y.scheduled())).orElseThrow();
    }

    private Map<Instant, List<String>> byTick() {
        return fires.stream().collect(Collectors.groupingBy(Fire::scheduled, TreeMap::new,
                Collectors.mapping(Fire::instance, Collectors.toList())));
    }

    private static boolean wholeSeconds(List<Instant> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            if (!ticks.get(i).equals(ticks.get(i - 1).plusSeconds(1))) {
                return false;
            }
        }
        return true;
    }
}
