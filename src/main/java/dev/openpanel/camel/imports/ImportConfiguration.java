package dev.openpanel.camel.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.SettingValues;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * Registers the beans of {@code routes/import.camel.yaml}: {@value InboxFiles#BEAN}, {@value ImportFiles#BEAN},
 * {@value ImportRows#BEAN} and the redelivery policy {@value #PAUSE_POLICY}.
 */
public class ImportConfiguration implements CamelConfiguration {

    /** Registry name of the redelivery policy that is an import's pause (routes/import.camel.yaml). */
    public static final String PAUSE_POLICY = "importPausePolicy";

    @Override
    public void configure(CamelContext context) {
        Function<String, String> property = key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
        ImportSettings settings = ImportSettings.load(property);
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        Duration quiet = Duration.ofMillis(SettingValues.wholeNumber(property, "openpanel.import.read-lock-check-interval", "1000", 0,
                "a number of milliseconds"));
        context.getRegistry().bind(InboxFiles.BEAN, new InboxFiles(() -> data, quiet, Clock.systemUTC()));
        context.getRegistry().bind(ImportFiles.BEAN, new ImportFiles(() -> OpenPanelConfiguration.manageApi(context), data, settings));
        context.getRegistry().bind(PAUSE_POLICY, pausePolicy(settings));
        context.getRegistry().bind(ImportRows.BEAN, new ImportRows(settings,
                () -> context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class)));
    }

    /** Waits out a transient failure on its row: first pause-backoff, doubling up to max-pause-backoff, quietly. */
    static RedeliveryPolicy pausePolicy(ImportSettings settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(-1);
        policy.setRedeliveryDelay(settings.pauseBackoff().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(settings.maxPauseBackoff().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setAllowRedeliveryWhileStopping(false);
        policy.setLogExhausted(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
