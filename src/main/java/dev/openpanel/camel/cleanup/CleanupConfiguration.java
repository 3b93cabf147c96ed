package dev.openpanel.camel.cleanup;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/** Registers the beans of {@code routes/cleanup.camel.yaml}: {@value CleanupRuns#BEAN} and {@value CleanupSteps#BEAN}. */
public class CleanupConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        CleanupSettings settings = CleanupSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        OpenPanelMetrics metrics = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class);
        BearerToken token = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.INTAKE_TOKEN, BearerToken.class);
        context.getRegistry().bind(CleanupRuns.BEAN, new CleanupRuns(settings, data, metrics, token, Clock.systemUTC()));
        context.getRegistry().bind(CleanupSteps.BEAN,
                new CleanupSteps(settings, () -> OpenPanelConfiguration.manageApi(context), Clock.systemUTC()));
    }
}
