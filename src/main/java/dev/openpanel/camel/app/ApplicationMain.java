package dev.openpanel.camel.app;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;

import dev.openpanel.camel.cleanup.CleanupConfiguration;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.imports.ImportConfiguration;
import dev.openpanel.camel.provisioning.ProvisioningConfiguration;
import dev.openpanel.camel.retention.RetentionConfiguration;
import dev.openpanel.camel.rotation.RotationConfiguration;

/**
 * The composition root: builds the Camel Main of the application, above the jobs it wires, the same way for the
 * service, the one-shot commands that run jobs and the tests: the {@link ApplicationProperties} (the properties file of
 * the {@link ConfigLocation}, then the environment, which wins, then explicit overrides), and the configuration classes
 * in {@link #CONFIGURATIONS} order. A command that only calls the API starts the {@link CoreContext} instead.
 */
public final class ApplicationMain {

    /** The setting naming the configuration directory (see {@link ConfigLocation}). */
    public static final String CONFIG_DIR = "openpanel.config-dir";

    /** Configuration classes, in the order they run; the core comes first. */
    public static final List<Class<? extends CamelConfiguration>> CONFIGURATIONS = List.of(
            OpenPanelConfiguration.class,
            ImportConfiguration.class,
            CleanupConfiguration.class,
            ProvisioningConfiguration.class,
            RetentionConfiguration.class,
            RotationConfiguration.class);

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
        ApplicationProperties properties = ApplicationProperties.of(environment, overrides);
        main.setPropertyPlaceholderLocations(properties.location());
        properties.initial().forEach(main::addInitialProperty);
        properties.overrides().forEach(main::addOverrideProperty);
        CONFIGURATIONS.forEach(main.configure()::addConfiguration);
        return main;
    }
}
