package dev.openpanel.camel.cluster;

import java.nio.file.Path;
import java.sql.SQLException;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.limit.RateLimiters;
import dev.openpanel.camel.state.JournalStore;

/**
 * Switches an instance into cluster mode, used by the core's wiring only when {@code openpanel.cluster.jdbc-url} is
 * set (so single-machine mode loads none of this): opens the cluster's database (its schema is created before the
 * first use, or waited for), keeps the jobs' journals there ({@link DatabaseJournalStore}), and on {@link #start}
 * registers its readiness check, closes the pool with the context, gives the {@code quartz:} routes of the service a
 * clustered scheduler ({@link ClusterScheduler}), and gives the component the limiters whose budget all instances
 * share.
 */
public final class ClusterMode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);

    private final ClusterSettings settings;
    private final ClusterReadiness readiness = new ClusterReadiness();
    private final ClusterDatabase database;

    private ClusterMode(ClusterSettings settings) {
        this.settings = settings;
        this.database = ClusterDatabase.open(settings, readiness);
    }

    /** Opens the cluster's connection pool (no connection is made yet). */
    public static ClusterMode open(ClusterSettings settings) {
        return new ClusterMode(settings);
    }

    /** The journals of a data directory, kept in the cluster's database. */
    public JournalStore journals(Path dataDirectory) {
        return new DatabaseJournalStore(database, dataDirectory);
    }

    /**
     * The claims on the files of the shared drop folders, renewed while the context runs (the inbox routes' read
     * lock): another instance takes over a file whose claim was not renewed for {@code openpanel.cluster.claim-timeout}.
     */
    public IdempotentRepository inboxClaims(CamelContext context) throws Exception {
        InboxClaims claims = new InboxClaims(context, database.dataSource(), "inbox", settings.instanceId(), settings.claimTimeout());
        context.addService(claims, true, true);
        return claims;
    }

    /**
     * Joins the cluster with this context and returns the shared rate limiters.
     *
     * @param service whether this is the long-running service, whose schedules then fire once per tick across the
     *                instances; a one-shot command keeps Quartz in memory, as its schedules never run
     */
    public RateLimiters start(CamelContext context, boolean service) throws Exception {
        Scheduler scheduler = service ? ClusterScheduler.install(context, database, settings) : null;
        context.addService(new Closing(database, scheduler));
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new ClusterHealthCheck(readiness, settings));
        }
        try {
            database.inTransaction(connection -> null);
            LOG.info("Cluster mode: instance {} shares its rate-limit budgets, journals and schedules through {}",
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
