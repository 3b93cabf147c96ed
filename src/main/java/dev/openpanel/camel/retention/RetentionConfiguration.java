package dev.openpanel.camel.retention;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;

/** Registers the retention job ({@value RetentionJob#BEAN}) used by {@code routes/retention.camel.yaml}. */
public class RetentionConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        RetentionSettings settings = RetentionSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        DataDirectory data = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        context.getRegistry().bind(RetentionJob.BEAN, new RetentionJob(data, settings, Clock.systemUTC()));
    }
}
