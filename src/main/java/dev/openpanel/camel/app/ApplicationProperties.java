package dev.openpanel.camel.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.openpanel.camel.config.EnvironmentOverrides;

/**
 * The properties every context of the application reads, the same for Camel Main ({@link ApplicationMain}) and the
 * plain core context ({@link CoreContext}): the properties file of the {@link ConfigLocation}; initial values of the
 * settings that point at the configuration's own location (the file may still set them; the packaged route files by
 * name, {@link PackagedRoutes}); and overrides, which win over
 * the file: the documented environment variables whose names differ from Camel's rule ({@link EnvironmentOverrides}),
 * then the caller's.
 *
 * @param location  the properties file, as a Camel location
 * @param initial   defaults the file may override
 * @param overrides values that win over the file
 */
public record ApplicationProperties(String location, Map<String, String> initial, Map<String, String> overrides) {

    /**
     * @param environment the process environment (or a test's)
     * @param overrides   properties that win over the file and the environment
     */
    public static ApplicationProperties of(Map<String, String> environment, Map<String, String> overrides) {
        String directory = overrides.containsKey(ApplicationMain.CONFIG_DIR) ? overrides.get(ApplicationMain.CONFIG_DIR)
                : ConfigLocation.requested(environment::get);
        ConfigLocation location = ConfigLocation.resolve(directory, Path.of(""));
        Map<String, String> initial = new LinkedHashMap<>();
        initial.put("openpanel.config.routes", PackagedRoutes.named(location.routes()));
        initial.put("openpanel.config.cleanup-rules", location.cleanupRules());
        initial.put("openpanel.config.rotation-rules", location.rotationRules());
        Map<String, String> winning = new LinkedHashMap<>();
        EnvironmentOverrides.apply(environment::get, winning::put);
        winning.putAll(overrides);
        return new ApplicationProperties(location.properties(), initial, winning);
    }
}
