package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Readiness follows the cluster database's last transaction and says why it is down. */
class ClusterHealthCheckTest {

    @Test
    void downWithTheReasonWhileTheDatabaseCannotBeUsedAndUpOnceATransactionWentThrough() throws Exception {
        ClusterReadiness readiness = new ClusterReadiness();
        ClusterSettings settings = new ClusterSettings("jdbc:postgresql://db:5432/openpanel?password=never-shown", "openpanel",
                () -> "never-shown", "web-1");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ClusterHealthCheck check = new ClusterHealthCheck(readiness, settings);
            check.setCamelContext(context);
            assertThat(check.isReadiness()).isTrue();
            assertThat(check.isLiveness()).isFalse();
            assertThat(check.call().getState()).as("before any transaction").isEqualTo(HealthCheck.State.DOWN);

            readiness.unreachable("the cluster database jdbc:postgresql://db:5432/openpanel cannot be used: Connection refused");
            HealthCheck.Result down = check.call();
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValue("the cluster database jdbc:postgresql://db:5432/openpanel cannot be used:"
                    + " Connection refused");
            assertThat(down.getDetails()).containsEntry("cluster.url", "jdbc:postgresql://db:5432/openpanel")
                    .containsEntry("cluster.instance-id", "web-1");
            assertThat(down.getDetails().values()).noneMatch(value -> String.valueOf(value).contains("never-shown"));

            readiness.reachable();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }
    }
}
