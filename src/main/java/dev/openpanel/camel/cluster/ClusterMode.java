package dev.openpanel.camel.cluster;

import java.sql.SQLException;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.limit.RateLimiters;

/**
 * Switches an instance into cluster mode, called by the core's wiring only when {@code openpanel.cluster.jdbc-url} is
 * set (so single-machine mode loads none of this): opens the cluster's database and creates its schema (or says it
 * will wait for it), registers its readiness check, closes the pool with the context, and gives the component the
 * limiters whose budget all instances share.
 */
public final class ClusterMode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);

    private ClusterMode() {
    }

    /** Opens the cluster for this context and returns the shared rate limiters. */
    public static RateLimiters start(CamelContext context, ClusterSettings settings) throws Exception {
        ClusterReadiness readiness = new ClusterReadiness();
        ClusterDatabase database = ClusterDatabase.open(settings, readiness);
        context.addService(new Closing(database));
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new ClusterHealthCheck(readiness, settings));
        }
        try {
            database.inTransaction(connection -> null);
            LOG.info("Cluster mode: instance {} shares each root client's rate-limit budget through {}",
                    settings.instanceId(), settings.safeUrl());
        } catch (SQLException e) {
            LOG.warn("Cluster mode: the database {} cannot be used yet ({}); calls to the API wait for it",
                    settings.safeUrl(), ClusterDatabase.describe(e));
        }
        return new ClusterRateLimiters(database, settings.instanceId());
    }

    /** Closes the pool when the context stops. */
    private static final class Closing extends ServiceSupport {
        private final ClusterDatabase database;

        Closing(ClusterDatabase database) {
            this.database = database;
        }

        @Override
        protected void doStop() {
            database.close();
        }
    }
}
