package dev.openpanel.camel.config;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.secrets.SecretFiles;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;

/**
 * Starts the embedded Manage API simulator when no {@code openpanel.api-url} is set, so a newcomer sees every flow
 * without an account, and says so loudly. The simulator stops with the Camel context.
 */
public final class SandboxMode {

    /** Registry name of the running simulator. */
    public static final String SIMULATOR_BEAN = "openpanelSandbox";
    /** File in the secrets directory holding the sandbox root client's credentials. */
    public static final String CREDENTIALS_FILE = "sandbox-root-client.properties";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxMode.class);

    private SandboxMode() {
    }

    /** Starts the simulator, binds it in the registry and returns the connection to it. */
    public static ApiConnection start(CamelContext context, OpenPanelSettings settings) throws Exception {
        ManageApiSimulator simulator = ManageApiSimulator.builder()
                .port(settings.sandboxPort())
                .rateLimit(settings.rateLimit().requests(), settings.rateLimit().period())
                .start();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                simulator.close();
            }
        }, true, true);
        context.getRegistry().bind(SIMULATOR_BEAN, simulator);
        SimulatorStore.SeededClient root = simulator.rootClient();
        Path credentials = new SecretFiles(settings.dataDir()).write(CREDENTIALS_FILE,
                "# Sandbox only: the root client of the embedded simulator (gone when the service stops)\n"
                        + "url=" + simulator.url() + "\nclient-id=" + root.id() + "\nclient-secret=" + root.secret() + "\n");
        String bar = "=".repeat(96);
        LOG.warn(bar);
        LOG.warn("SANDBOX MODE: openpanel.api-url (OPENPANEL_API_URL) is not set, so nothing here touches a real OpenPanel.");
        LOG.warn("Every call goes to the embedded Manage API simulator at {}/manage", simulator.url());
        LOG.warn("Its root client id is {}; its secret is in {}", root.id(), credentials.toAbsolutePath());
        LOG.warn("To use OpenPanel, set OPENPANEL_API_URL, OPENPANEL_CLIENT_ID and OPENPANEL_CLIENT_SECRET.");
        LOG.warn(bar);
        return new ApiConnection(simulator.url(), root.id(), Secret.of(root.secret()));
    }
}
