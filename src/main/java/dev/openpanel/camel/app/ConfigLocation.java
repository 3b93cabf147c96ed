package dev.openpanel.camel.app;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.openpanel.camel.config.InvalidConfigurationException;

/**
 * Where the configuration comes from, first match wins:
 * <ol>
 * <li>a configuration directory ({@code --config DIR}, {@code OPENPANEL_CONFIG_DIR}, {@code openpanel.config-dir}): its
 * {@code application.properties}, {@code cleanup.yaml}, {@code rotation.yaml}, {@code log4j2.xml} and {@code routes/} each replace the
 * packaged one when present;</li>
 * <li>the project layout in the working directory ({@code config/application.properties} present): {@code config/}
 * and {@code routes/} there, as when run from a clone;</li>
 * <li>the defaults packaged in the jar, so it runs from any directory.</li>
 * </ol>
 *
 * @param properties   the properties file, as a Camel location ({@code file:...} or {@code classpath:...})
 * @param routes       the route files, as a Camel include pattern
 * @param cleanupRules the default cleanup rules file (a path, or {@code classpath:...})
 * @param rotationRules the default rotation rules file (a path, or {@code classpath:...})
 * @param logConfig    the log4j2 configuration file, or null for the packaged one
 */
public record ConfigLocation(String properties, String routes, String cleanupRules, String rotationRules, Path logConfig) {

    /** Where the jar keeps the defaults: a copy of the project's {@code config/} and {@code routes/}. */
    static final String PACKAGED = "classpath:openpanel-defaults/";

    /**
     * Resolves the location.
     *
     * @param configDirectory the configuration directory asked for, or null
     * @param workingDirectory where the project layout is looked for
     * @throws InvalidConfigurationException when the configuration directory does not exist
     */
    public static ConfigLocation resolve(String configDirectory, Path workingDirectory) {
        if (configDirectory != null && !configDirectory.isBlank()) {
            Path dir = workingDirectory.resolve(configDirectory);
            if (!Files.isDirectory(dir)) {
                throw new InvalidConfigurationException("the configuration directory " + configDirectory
                        + " (--config, OPENPANEL_CONFIG_DIR) is not a directory.");
            }
            Path properties = dir.resolve("application.properties");
            Path cleanup = dir.resolve("cleanup.yaml");
            Path rotation = dir.resolve("rotation.yaml");
            Path log = dir.resolve("log4j2.xml");
            return new ConfigLocation(
                    Files.isRegularFile(properties) ? "file:" + properties : PACKAGED + "config/application.properties",
                    Files.isDirectory(dir.resolve("routes")) ? "file:" + dir.resolve("routes") + "/*.camel.yaml"
                            : PACKAGED + "routes/*.camel.yaml",
                    Files.isRegularFile(cleanup) ? cleanup.toString() : PACKAGED + "config/cleanup.yaml",
                    Files.isRegularFile(rotation) ? rotation.toString() : PACKAGED + "config/rotation.yaml",
                    Files.isRegularFile(log) ? log : null);
        }
        if (Files.isRegularFile(workingDirectory.resolve("config/application.properties"))) {
            Path log = workingDirectory.resolve("config/log4j2.xml");
            return new ConfigLocation("file:config/application.properties", "file:routes/*.camel.yaml", "config/cleanup.yaml",
                    "config/rotation.yaml", Files.isRegularFile(log) ? Path.of("config/log4j2.xml") : null);
        }
        return new ConfigLocation(PACKAGED + "config/application.properties", PACKAGED + "routes/*.camel.yaml",
                PACKAGED + "config/cleanup.yaml", PACKAGED + "config/rotation.yaml", null);
    }

    /** The configuration directory asked for: the system property, else the environment variable; null for none. */
    public static String requested(java.util.function.Function<String, String> environment) {
        String property = System.getProperty("openpanel.config-dir");
        return property != null ? property : environment.apply("OPENPANEL_CONFIG_DIR");
    }
}
