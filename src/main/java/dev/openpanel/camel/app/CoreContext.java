package dev.openpanel.camel.app;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PluginHelper;

import dev.openpanel.camel.config.OpenPanelConfiguration;

/**
 * The composition root of a command that only calls the API ({@code api}): a plain Camel context holding the core
 * alone, without Camel Main. It reads the same {@link ApplicationProperties} as {@link ApplicationMain}, binds and
 * configures {@link OpenPanelConfiguration} as Camel Main does (settings, data directory, sandbox resolution, the
 * {@code openpanel} component and its limiter) and applies {@code camel.component.openpanel.*} as Main's
 * auto-configuration would ({@link ComponentOptions}); it reads the route files, so that one that does not parse is
 * the same configuration error as for the other commands ({@link RouteFiles}), but adds no route. Nothing else exists
 * in it: no routes, HTTP server, broker, scheduler, JMX or Main's auto-configuration of the rest of Camel.
 */
public final class CoreContext {

    private CoreContext() {
    }

    /**
     * A started context; stop it when done. Configuration errors surface as exceptions with one sentence.
     *
     * @param environment the process environment (or a test's)
     * @param overrides   properties that win over the file and the environment
     */
    public static CamelContext start(Map<String, String> environment, Map<String, String> overrides) throws Exception {
        ApplicationProperties properties = ApplicationProperties.of(environment, overrides);
        DefaultCamelContext context = new DefaultCamelContext();
        context.disableJMX();
        PropertiesComponent placeholders = context.getPropertiesComponent();
        placeholders.setLocation(properties.location());
        placeholders.setInitialProperties(asProperties(properties.initial()));
        placeholders.setOverrideProperties(asProperties(properties.overrides()));
        try {
            OpenPanelConfiguration core = new OpenPanelConfiguration();
            CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
            beans.postProcessBeforeInitialization(core, core.getClass().getName());
            beans.postProcessAfterInitialization(core, core.getClass().getName());
            core.configure(context);
            ComponentOptions.apply(context, OpenPanelConfiguration.COMPONENT);
            RouteFiles.read(context);
            context.start();
        } catch (Exception | Error e) {
            context.stop();
            throw e;
        }
        return context;
    }

    private static Properties asProperties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
