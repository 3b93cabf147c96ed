package dev.openpanel.camel.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.LoggingLevel;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

import dev.openpanel.camel.config.ContextConfiguration;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.OpenPanelSettings;
import dev.openpanel.camel.config.SettingValues;
import dev.openpanel.camel.extensions.ExtensionPoints;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The beans of {@code routes/import.camel.yaml}, the Camel Main way: {@value InboxFiles#BEAN}, {@value ImportFiles#BEAN},
 * {@value ImportRows#BEAN}, the settings and the redelivery policy {@value #PAUSE_POLICY}.
 */
public class ImportConfiguration extends ContextConfiguration {

    /** Registry name of the redelivery policy that is an import's pause (routes/import.camel.yaml). */
    public static final String PAUSE_POLICY = "importPausePolicy";
    /** Registry name of the thread pool the rows of imports run on (routes/import.camel.yaml). */
    public static final String ROW_POOL = "importRowPool";
    /** Registry name of the {@link ImportSettings}. */
    public static final String SETTINGS = "importSettings";

    private ImportSettings settings;

    /** The settings, read and checked once; the other beans of this class use them directly, not by lookup. */
    @BindToRegistry(SETTINGS)
    public synchronized ImportSettings settings() {
        if (settings == null) {
            OpenPanelSettings shared = getCamelContext().getRegistry().lookupByNameAndType(OpenPanelConfiguration.SETTINGS,
                    OpenPanelSettings.class);
            settings = ImportSettings.load(properties(), shared.rateLimit().budget());
        }
        return settings;
    }

    @BindToRegistry(InboxFiles.BEAN)
    public InboxFiles inboxFiles(@BeanInject(OpenPanelConfiguration.DATA) DataDirectory data,
            @BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics,
            @PropertyInject(value = "openpanel.import.read-lock-check-interval", defaultValue = "1000") String readLockInterval) {
        Duration quiet = Duration.ofMillis(SettingValues.wholeNumber(key -> readLockInterval,
                "openpanel.import.read-lock-check-interval", "1000", 0, "a number of milliseconds"));
        return new InboxFiles(() -> data, () -> metrics, quiet, Clock.systemUTC());
    }

    @BindToRegistry(ImportFiles.BEAN)
    public ImportFiles importFiles(@BeanInject(OpenPanelConfiguration.DATA) DataDirectory data,
            @BeanInject(ExtensionPoints.BEAN) ExtensionPoints extensions,
            @BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics) {
        return new ImportFiles(() -> OpenPanelConfiguration.manageApi(getCamelContext()), data, settings(), extensions,
                () -> metrics);
    }

    @BindToRegistry(ImportRows.BEAN)
    public ImportRows importRows(@BeanInject(OpenPanelConfiguration.METRICS) OpenPanelMetrics metrics) {
        return new ImportRows(settings(), () -> metrics);
    }

    /**
     * The threads rows run on: each inbox (projects, clients, references) may import a file at the same time, each with
     * up to openpanel.import.concurrency rows in flight, plus the thread that reads the next row. Shut down with the
     * context.
     */
    @BindToRegistry(ROW_POOL)
    public ExecutorService rowPool() {
        int size = ImportKind.values().length * (settings().concurrency() + 1);
        return getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "ImportRows", size);
    }

    /** Waits out a transient failure on its row: first pause-backoff, doubling up to max-pause-backoff, quietly. */
    @BindToRegistry(PAUSE_POLICY)
    public RedeliveryPolicy pausePolicy() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(-1);
        policy.setRedeliveryDelay(settings().pauseBackoff().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(settings().maxPauseBackoff().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setAllowRedeliveryWhileStopping(false);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }

}
