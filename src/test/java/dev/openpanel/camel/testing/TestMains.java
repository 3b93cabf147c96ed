package dev.openpanel.camel.testing;

import java.util.Map;

import java.nio.file.Path;

import org.apache.camel.main.Main;

import dev.openpanel.camel.app.ApplicationMain;
import dev.openpanel.camel.simulator.ManageApiSimulator;

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
     * The properties that connect the application to a simulator whose budget is 50 requests per second (the
     * simulator's must match), with short retries, no readiness probing, and the given data directory. Mutable.
     */
    public static Map<String, String> simulatorProperties(ManageApiSimulator simulator, Path data) {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("openpanel.api-url", simulator.url());
        properties.put("openpanel.client-id", simulator.rootClient().id());
        properties.put("openpanel.client-secret", simulator.rootClient().secret());
        properties.put("openpanel.rate-limit.requests", "50");
        properties.put("openpanel.rate-limit.period", "1s");
        properties.put("openpanel.retry.max-retries", "1");
        properties.put("openpanel.retry.backoff", "20ms");
        properties.put("openpanel.health.probe-interval", "1h");
        properties.put("openpanel.data-dir", data.toString());
        return properties;
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
