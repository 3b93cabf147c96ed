package dev.openpanel.camel.cleanup;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

import dev.openpanel.camel.config.ContextConfiguration;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.OpenPanelSettings;
import dev.openpanel.camel.config.SettingValues;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The beans of {@code routes/cleanup.camel.yaml}, the Camel Main way: {@value CleanupRuns#BEAN},
 * {@value CleanupSteps#BEAN} and {@value CleanupRulesFile#BEAN}.
 */
public class CleanupConfiguration extends ContextConfiguration {

    /** Registry name of the thread pool of a run's deletes (routes/cleanup.camel.yaml). */
    public static final String DELETE_POOL = "cleanupDeletePool";
    /** Registry name of the {@link CleanupSettings}. */
    public static final String SETTINGS = "cleanupSettings";

    private CleanupSettings settings;

    /** The settings, read and checked once; the other beans of this class use them directly, not by lookup. */
    @BindToRegistry(SETTINGS)
    public synchronized CleanupSettings settings() {
        if (settings == null) {
            settings = CleanupSettings.load(properties());
        }
        return settings;
    }

    private CleanupRulesFile rulesFile;

    /** The rules file, checked at start-up, by every run and request, and by the watch route when it changes. */
    @BindToRegistry(CleanupRulesFile.BEAN)
    public synchronized CleanupRulesFile rulesFile() {
        if (rulesFile == null) {
            rulesFile = new CleanupRulesFile(settings().rules());
        }
        return rulesFile;
    }

    @BindToRegistry(CleanupRuns.BEAN)
    public CleanupRuns cleanupRuns(@BeanInject(OpenPanelConfiguration.DATA) DataDirectory data,
            @BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics,
            @BeanInject(OpenPanelConfiguration.INTAKE_TOKEN) BearerToken token) {
        return new CleanupRuns(settings(), rulesFile(), data, metrics, token, Clock.systemUTC());
    }

    /**
     * A service (triggers on) does not start with a rules file it cannot use: start-up stops with the rule and field
     * (exit 2). While it runs, readiness says when the file became unusable.
     */
    @Override
    public void configure(CamelContext context) {
        if (!isService()) {
            return;
        }
        CleanupRulesFile.Verdict verdict = rulesFile().check();
        if (!verdict.isValid()) {
            throw new InvalidConfigurationException("the cleanup rules file " + rulesFile().file() + " (openpanel.cleanup.rules)"
                    + " cannot be used: " + verdict.problem());
        }
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new CleanupRulesHealthCheck(rulesFile()));
        }
    }

    /**
     * The threads a run's deletes of one resource kind run on at once: openpanel.cleanup.concurrency, by default the
     * budget left to this service per window (requests minus reserve), which the limiter paces. Shut down with the
     * context.
     */
    @BindToRegistry(DELETE_POOL)
    public ExecutorService deletePool() {
        OpenPanelSettings shared = getCamelContext().getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS,
                OpenPanelSettings.class);
        int size = SettingValues.wholeNumber(properties(), "openpanel.cleanup.concurrency",
                String.valueOf(shared.rateLimit().budget()), 1, "a number of deletes");
        return getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "CleanupDeletes", Math.min(64, size));
    }

    @BindToRegistry(CleanupSteps.BEAN)
    public CleanupSteps cleanupSteps() {
        return new CleanupSteps(settings(), () -> OpenPanelConfiguration.manageApi(getCamelContext()), Clock.systemUTC());
    }

}
