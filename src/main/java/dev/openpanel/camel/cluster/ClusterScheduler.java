package dev.openpanel.camel.cluster;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz scheduler of the {@code quartz:} routes in cluster mode: Quartz's clustered JDBC job store (JobStoreTX,
 * PostgreSQL delegate, tables {@code openpanel_qrtz_*}) on the cluster's pool, so each tick of a schedule fires on
 * exactly one instance. Every instance is a node of the one Quartz scheduler {@value #SCHEDULER_NAME}, named by its
 * instance id; a node that stops checking in has its work taken over by the others.
 * <p>
 * Job data is kept as text only ({@code useProperties}): camel-quartz stores the Camel context's name and the endpoint
 * URI, and nothing that would need Java serialisation. Misfires are camel-quartz's for cron triggers, "fire and
 * proceed": a tick that no instance could fire within the {@value #MISFIRE_THRESHOLD_MS} ms threshold fires once, as
 * soon as an instance can, and the schedule goes on from there.
 */
public final class ClusterScheduler {

    /** The Quartz scheduler name all instances share (column {@code sched_name}). */
    public static final String SCHEDULER_NAME = "openpanel";
    static final long MISFIRE_THRESHOLD_MS = 60_000;
    private static final String THREADS = "3";
    private static final String CHECKIN_INTERVAL_MS = "5000";
    /** How often an idle node looks for a tick to take (Quartz's default is 30 s): a tick given back is taken this soon. */
    private static final String IDLE_WAIT_MS = "2000";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterScheduler.class);

    private ClusterScheduler() {
    }

    /**
     * Gives the context's {@code quartz} component a clustered scheduler of its own, and puts it in standby as soon as
     * the context begins to stop, before its routes do: a tick it had already taken is given back to the others, and
     * it takes no other. The caller shuts it down once the routes have stopped, before the pool closes.
     */
    public static Scheduler install(CamelContext context, ClusterDatabase database, ClusterSettings settings) throws Exception {
        String dataSource = "openpanel-cluster-" + settings.instanceId();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ClusterConnectionProvider(database));
        Scheduler scheduler = create(properties(settings.instanceId(), dataSource));
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setScheduler(scheduler);
        context.getManagementStrategy().addEventNotifier(new StandbyFirst(scheduler));
        LOG.info("Cluster mode: schedules fire once per tick across the instances (Quartz scheduler '{}', node {}, tables {}*)",
                SCHEDULER_NAME, settings.instanceId(), QuartzTablesMigration.TABLE_PREFIX);
        return scheduler;
    }

    /** The Quartz settings of one node. */
    static Properties properties(String instanceId, String dataSource) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.idleWaitTime", IDLE_WAIT_MS);
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        properties.setProperty("org.quartz.threadPool.threadCount", THREADS);
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "openpanel-schedule");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.tablePrefix", QuartzTablesMigration.TABLE_PREFIX);
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", CHECKIN_INTERVAL_MS);
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        return properties;
    }

    private static Scheduler create(Properties properties) throws SchedulerException {
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        // Quartz registers schedulers JVM-wide by name, and every node has the same name: this one belongs to its
        // context only, and another context in the same JVM (a test's second instance) gets a scheduler of its own
        SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
        return scheduler;
    }

    /** Puts the scheduler in standby when the context starts stopping; runs already under way finish with their routes. */
    private static final class StandbyFirst extends EventNotifierSupport {
        private final Scheduler scheduler;

        StandbyFirst(Scheduler scheduler) {
            this.scheduler = scheduler;
            setIgnoreExchangeEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelContextStoppingEvent;
        }

        @Override
        public void notify(CamelEvent event) throws Exception {
            // Quartz's scheduler thread gives back the tick it holds when its schedule changes, which standby signals;
            // a scheduler shut down while it holds one leaves it to the others' recovery of a failed instance
            scheduler.standby();
        }
    }
}
