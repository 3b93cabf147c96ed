package dev.openpanel.camel.app;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;

import dev.openpanel.camel.cleanup.CleanupConfiguration;
import dev.openpanel.camel.config.EnvironmentOverrides;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.imports.ImportConfiguration;
import dev.openpanel.camel.provisioning.ProvisioningConfiguration;
import dev.openpanel.camel.retention.RetentionConfiguration;

/**
 * The composition root: builds the Camel Main of the application, above the jobs it wires, the same way for the service, the one-shot commands and the tests:
 * {@code config/application.properties}, then the environment (which wins), then explicit overrides, and the
 * configuration classes in {@link #CONFIGURATIONS} order.
 */
public final class ApplicationMain {

    /** The properties file, relative to the working directory. */
    public static final String CONFIG_FILE = "config/application.properties";

    /** Configuration classes, in the order they run; the core comes first. */
    public static final List<Class<? extends CamelConfiguration>> CONFIGURATIONS = List.of(
            OpenPanelConfiguration.class,
            ImportConfiguration.class,
            CleanupConfiguration.class,
            ProvisioningConfiguration.class,
            RetentionConfiguration.class);

    private ApplicationMain() {
    }

    /**
     * A Main that is configured but not started.
     *
     * @param environment the process environment (or a test's)
     * @param overrides   properties that win over the file and the environment
     */
    public static Main create(Map<String, String> environment, Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + CONFIG_FILE);
        EnvironmentOverrides.apply(environment::get, main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        CONFIGURATIONS.forEach(main.configure()::addConfiguration);
        return main;
    }
}
