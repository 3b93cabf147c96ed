package dev.openpanel.camel.cleanup;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Registers the cleanup job ({@value CleanupJob#BEAN}) used by {@code routes/cleanup.camel.yaml}. */
public class CleanupConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        CleanupSettings settings = CleanupSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        context.getRegistry().bind(CleanupJob.BEAN, new CleanupJob(context, settings, Clock.systemUTC()));
    }
}
