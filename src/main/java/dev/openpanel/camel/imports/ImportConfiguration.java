package dev.openpanel.camel.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.config.SettingValues;

/** Registers the import beans ({@value CsvImport#BEAN}, {@value InboxFiles#BEAN}) used by {@code routes/import.camel.yaml}. */
public class ImportConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Function<String, String> property = key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
        ImportSettings settings = ImportSettings.load(property);
        context.getRegistry().bind(CsvImport.BEAN, new CsvImport(context, settings));
        Duration quiet = Duration.ofMillis(SettingValues.wholeNumber(property, "openpanel.import.read-lock-check-interval", "1000", 0,
                "a number of milliseconds"));
        context.getRegistry().bind(InboxFiles.BEAN, new InboxFiles(
                () -> context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class), quiet,
                Clock.systemUTC()));
    }
}
