package dev.openpanel.camel.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;

/**
 * Checks, before anything starts, that the HTTP server's port can be bound. The embedded server (Vert.x) binds it
 * asynchronously and only logs a failure, so a taken port would leave the service running without its intake, jobs,
 * health and metrics; this stops start-up instead, with one sentence (exit 2). Port 0 (any free port) is not checked.
 */
public final class HttpPortCheck {

    private HttpPortCheck() {
    }

    /**
     * @param placeholders resolves a {@code {{key:default}}} placeholder of the configuration
     * @throws InvalidConfigurationException when the port is taken or cannot be bound on the host
     */
    public static void check(UnaryOperator<String> placeholders) {
        if (!Boolean.parseBoolean(placeholders.apply("{{camel.server.enabled:false}}").trim())) {
            return;
        }
        String host = placeholders.apply("{{camel.server.host:0.0.0.0}}").trim();
        String text = placeholders.apply("{{camel.server.port:8080}}").trim();
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("openpanel.http.port (OPENPANEL_HTTP_PORT) must be a port number, got '" + text + "'.");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new InvalidConfigurationException("the HTTP port " + port + " on " + host + " cannot be used (" + e.getMessage()
                    + "): stop what holds it, or set openpanel.http.port (OPENPANEL_HTTP_PORT) to a free port.");
        }
    }
}
