package dev.openpanel.camel.testing;

import java.util.Map;

import org.apache.camel.main.Main;

import dev.openpanel.camel.config.OpenPanelConfiguration;

/** Starts the application's Camel Main in the test JVM, with the project's config and overridden properties. */
public final class TestMains {

    private TestMains() {
    }

    /** A started Main; stop it when done. */
    public static Main start(Map<String, String> properties) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        properties.forEach(main::addOverrideProperty);
        main.configure().addConfiguration(OpenPanelConfiguration.class);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start: " + e.getMessage(), e);
        }
        return main;
    }
}
