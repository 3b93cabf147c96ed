package dev.openpanel.camel.cluster;

import java.sql.SQLException;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.limit.RateLimiters;

/**
 * Switches an instance into cluster mode, called by the core's wiring only when {@code openpanel.cluster.jdbc-url} is
 * set (so single-machine mode loads none of this): opens the cluster's database and creates its schema (or says it
 * will wait for it), registers its readiness check, closes the pool with the context, gives the {@code quartz:} routes of
 * the service a clustered scheduler ({@link ClusterScheduler}), and gives the component the limiters whose budget all
 * instances share.
 */
public final class ClusterMode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);

    private ClusterMode() {
    }

    /**
     * Opens the cluster for this context and returns the shared rate limiters.
     *
     * @param service whether this is the long-running service, whose schedules then fire once per tick across the
     *                instances; a one-shot command keeps Quartz in memory, as its schedules never run
     */
    public static RateLimiters start(CamelContext context, ClusterSettings settings, boolean service) throws Exception {
        ClusterReadiness readiness = new ClusterReadiness();
        ClusterDatabase database = ClusterDatabase.open(settings, readiness);
        Scheduler scheduler = service ? ClusterScheduler.install(context, database, settings) : null;
        context.addService(new Closing(database, scheduler));
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

    /** When the context stops, after its routes: shuts the clustered scheduler down (if any), then closes the pool. */
    private static final class Closing extends ServiceSupport {
        private final ClusterDatabase database;
        private final Scheduler scheduler;

        Closing(ClusterDatabase database, Scheduler scheduler) {
            this.database = database;
            this.scheduler = scheduler;
        }

        @Override
        protected void doStop() throws SchedulerException {
            try {
                if (scheduler != null) {
                    // waits for Quartz's own threads, which still give back a taken tick through the pool, and for the
                    // runs: the routes have stopped, so their exchanges are done (or past the shutdown timeout)
                    scheduler.shutdown(true);
                }
            } finally {
                database.close();
            }
        }
    }
}
