package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.simpl.RAMJobStore;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.limit.RateLimiterRegistry;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.TestMains;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/** The service switches to the shared budget and the clustered schedules when, and only when, a cluster JDBC URL is set. */
@Timeout(120)
class ClusterModeServiceTest {

    @TempDir
    Path temp;

    @Test
    void withAJdbcUrlTheServiceCreatesTheSchemaSpendsTheSharedBudgetAndReportsTheDatabasesReadiness() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String url = postgres.newDatabase();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, java.time.Duration.ofSeconds(1)).start()) {
            Map<String, String> properties = TestMains.simulatorProperties(simulator, temp.resolve("data"));
            properties.put("openpanel.cluster.jdbc-url", url);
            properties.put("openpanel.cluster.user", postgres.user());
            properties.put("openpanel.cluster.password", postgres.password());
            properties.put("openpanel.cluster.instance-id", "web-1");
            properties.put("openpanel.cluster.claim-timeout", "1s");
            Main main = TestMains.start(properties);
            try {
                OpenPanelComponent component = main.getCamelContext().getComponent("openpanel", OpenPanelComponent.class);
                assertThat(component.getRateLimiters()).isInstanceOf(ClusterRateLimiters.class);
                OpenPanelConfiguration.manageApi(main.getCamelContext()).projects().list();
                HealthCheck check = HealthCheckHelper.getHealthCheckRegistry(main.getCamelContext())
                        .getCheck("openpanel-cluster-database").orElseThrow();
                HealthCheck.Result result = check.call();
                assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(result.getDetails()).containsEntry("cluster.instance-id", "web-1").containsEntry("cluster.url", url);
                Scheduler scheduler = main.getCamelContext().getComponent("quartz", QuartzComponent.class).getScheduler();
                assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
                assertThat(scheduler.getSchedulerInstanceId()).isEqualTo("web-1");

                // the inbox routes' read lock: the service's claims, renewed while it holds them
                IdempotentRepository claims = main.getCamelContext().getRegistry().lookupByNameAndType(OpenPanelConfiguration.INBOX_CLAIMS,
                        IdempotentRepository.class);
                assertThat(claims).isInstanceOf(InboxClaims.class);
                assertThat(main.getCamelContext().hasServices(InboxClaims.class)).as("one set of claims, renewed by one thread")
                        .containsExactly((InboxClaims) claims);
                assertThat(claims.add("projects/held.csv")).isTrue();
                try (ClusterDatabase other = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, "web-2"),
                        new ClusterReadiness())) {
                    InboxClaims elsewhere = new InboxClaims(main.getCamelContext(), other.dataSource(), "inbox", "web-2",
                            java.time.Duration.ofSeconds(1));
                    await().pollDelay(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(5)).until(() -> true);
                    assertThat(elsewhere.add("projects/held.csv")).as("renewed by web-1 for three claim timeouts").isFalse();
                }
            } finally {
                main.stop();
            }
            try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                    ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT trigger_name FROM openpanel_qrtz_triggers WHERE trigger_group = 'openpanel' ORDER BY 1")) {
                List<String> triggers = new ArrayList<>();
                while (rows.next()) {
                    triggers.add(rows.getString(1));
                }
                assertThat(triggers).as("the schedules live in the shared job store").containsExactly("cleanup", "retention", "rotation");
            }
            try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                    ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT instance_id, client_key FROM openpanel_rate_sends")) {
                assertThat(rows.next()).as("the list call's send is in the shared log").isTrue();
                assertThat(rows.getString(1)).isEqualTo("web-1");
                assertThat(rows.getString(2)).endsWith(simulator.rootClient().id());
            }
        }
    }

    @Test
    void withoutAJdbcUrlTheServiceKeepsTheBudgetOfThisJvmAndHasNoClusterCheck() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, java.time.Duration.ofSeconds(1)).start()) {
            Main main = TestMains.start(TestMains.simulatorProperties(simulator, temp.resolve("data")));
            try {
                OpenPanelComponent component = main.getCamelContext().getComponent("openpanel", OpenPanelComponent.class);
                assertThat(component.getRateLimiters()).isSameAs(RateLimiterRegistry.jvm());
                assertThat(HealthCheckHelper.getHealthCheckRegistry(main.getCamelContext())
                        .getCheck("openpanel-cluster-database")).isEmpty();
                Scheduler scheduler = main.getCamelContext().getComponent("quartz", QuartzComponent.class).getScheduler();
                assertThat(scheduler.getMetaData().getJobStoreClass()).isEqualTo(RAMJobStore.class);
            } finally {
                main.stop();
            }
        }
    }
}
