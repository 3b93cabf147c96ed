package dev.openpanel.camel.imports;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Registers the import bean ({@value CsvImport#BEAN}) used by {@code routes/import.camel.yaml}. */
public class ImportConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        ImportSettings settings = ImportSettings.load(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        context.getRegistry().bind(CsvImport.BEAN, new CsvImport(context, settings));
    }
}
