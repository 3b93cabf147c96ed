package dev.openpanel.camel.testing;

import java.util.Map;

import org.apache.camel.main.Main;

import dev.openpanel.camel.config.ApplicationMain;

/** Starts the application's Camel Main in the test JVM, with the project's config and overridden properties. */
public final class TestMains {

    private TestMains() {
    }

    /** A free port on this machine. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A started Main with the project's config, the given properties winning (the HTTP port is a free one unless
     * given); stop it when done.
     */
    public static Main start(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("openpanel.http.port", String.valueOf(freePort())));
        all.putAll(properties);
        Main main = ApplicationMain.create(Map.of(), all);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("the application did not start: " + e.getMessage(), e);
        }
        return main;
    }
}
