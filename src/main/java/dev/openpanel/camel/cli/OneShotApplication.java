package dev.openpanel.camel.cli;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;

import dev.openpanel.camel.app.ApplicationMain;
import dev.openpanel.camel.app.CoreContext;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.logging.BackgroundLogging;

/**
 * The application started for one command: the same configuration and routes as the service, with the triggers
 * (file, Quartz, queue and HTTP consumers) off, so the command calls the work routes itself. The HTTP server only
 * listens on a free loopback port, because HTTP routes are initialised even when they do not start.
 */
public final class OneShotApplication implements AutoCloseable {

    private final CamelContext context;
    private final AutoCloseable stop;

    private OneShotApplication(CamelContext context, AutoCloseable stop) {
        this.context = context;
        this.stop = stop;
    }

    /** Starts the application; configuration errors surface as exceptions with one sentence. */
    public static OneShotApplication start(Map<String, String> extraProperties) throws Exception {
        Map<String, String> overrides = oneShotOverrides();
        // platform-http routes need the server even when they do not start: keep it private and on any free port
        overrides.put("camel.server.host", "127.0.0.1");
        overrides.put("camel.server.port", "0");
        overrides.putAll(extraProperties);
        awaitLogging();
        Main main = ApplicationMain.create(System.getenv(), overrides);
        main.start();
        return new OneShotApplication(main.getCamelContext(), main::stop);
    }

    /**
     * Starts only the core ({@link CoreContext}): the {@code openpanel:} component with its settings and data directory,
     * without Camel Main, routes, HTTP server, broker or scheduler, for a command that calls the API itself ({@code api}).
     */
    public static OneShotApplication startCore() throws Exception {
        Map<String, String> overrides = oneShotOverrides();
        overrides.put("camel.server.enabled", "false");
        awaitLogging();
        CamelContext context = CoreContext.start(System.getenv(), overrides);
        return new OneShotApplication(context, context::stop);
    }

    /**
     * Waits for the logging system, which starts on a thread of its own ({@link BackgroundLogging}); the API's JSON
     * mapper, which logs nothing, is made meanwhile.
     */
    private static void awaitLogging() {
        ManageJson.mapper();
        BackgroundLogging.awaitReady();
    }

    /** What every one-shot turns off: triggers, and what only a long-running service is watched through. */
    private static Map<String, String> oneShotOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("openpanel.triggers.enabled", "false");
        overrides.put("camel.management.enabled", "false");
        overrides.put("camel.metrics.enabled", "false");
        overrides.put("camel.main.jmx-enabled", "false");
        return overrides;
    }

    /** Sends an exchange to a work route and returns it answered (a failure is on the exchange, not thrown). */
    public Exchange request(String uri, Processor processor) {
        return context.createProducerTemplate().request(uri, processor);
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
