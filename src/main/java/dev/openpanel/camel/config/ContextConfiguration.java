package dev.openpanel.camel.config;

import java.util.function.Function;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * A Camel Main configuration class whose {@code @BindToRegistry} methods read settings: Camel hands it the context
 * before it binds the beans, and {@link #properties()} reads keys through Camel's properties component (file,
 * environment, overrides).
 */
public abstract class ContextConfiguration implements CamelConfiguration, CamelContextAware {

    private CamelContext camelContext;

    /** Every setting by key, as Camel resolves it; null when not set. */
    protected final Function<String, String> properties() {
        return key -> camelContext.getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /**
     * Whether this is the long-running service, whose triggers (file, Quartz, queue and HTTP consumers) run, rather
     * than a one-shot command ({@code openpanel.triggers.enabled=false}).
     */
    protected final boolean isService() {
        return camelContext.getPropertiesComponent().resolveProperty("openpanel.triggers.enabled").map(Boolean::parseBoolean)
                .orElse(true);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // Beans are declared with @BindToRegistry; override for what needs the started configuration.
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
