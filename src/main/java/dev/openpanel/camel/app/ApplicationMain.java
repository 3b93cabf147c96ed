package dev.openpanel.camel.app;

import java.nio.file.Path;
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
import dev.openpanel.camel.rotation.RotationConfiguration;

/**
 * The composition root: builds the Camel Main of the application, above the jobs it wires, the same way for the
 * service, the one-shot commands and the tests: the properties file of the {@link ConfigLocation}, then the environment
 * (which wins), then explicit overrides, and the configuration classes in {@link #CONFIGURATIONS} order.
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
        return create(environment, overrides, CONFIGURATIONS);
    }

    /**
     * A Main with only some of the configuration classes: the core (the component, settings, data directory) for a
     * command that calls the API and runs no job route.
     */
    public static Main createCore(Map<String, String> environment, Map<String, String> overrides) {
        return create(environment, overrides, CONFIGURATIONS.subList(0, 1));
    }

    private static Main create(Map<String, String> environment, Map<String, String> overrides,
            List<Class<? extends CamelConfiguration>> configurations) {
        Main main = new Main();
        String directory = overrides.containsKey(CONFIG_DIR) ? overrides.get(CONFIG_DIR) : ConfigLocation.requested(environment::get);
        ConfigLocation location = ConfigLocation.resolve(directory, Path.of(""));
        main.setPropertyPlaceholderLocations(location.properties());
        // Defaults of the settings the properties file points at its own location with; the file may still set them.
        main.addInitialProperty("openpanel.config.routes", location.routes());
        main.addInitialProperty("openpanel.config.cleanup-rules", location.cleanupRules());
        main.addInitialProperty("openpanel.config.rotation-rules", location.rotationRules());
        EnvironmentOverrides.apply(environment::get, main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        configurations.forEach(main.configure()::addConfiguration);
        return main;
    }
}
