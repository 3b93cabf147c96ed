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

    /**
     * The sandbox of this data directory. A service starts the simulator, binds it in the registry, writes its
     * credentials file and returns the connection; it refuses to start while another service's sandbox answers on the
     * same data directory. A one-shot command uses the running service's sandbox when there is one, and otherwise a
     * fresh simulator of its own, which it says in one line and which leaves the credentials file alone.
     *
     * @param service whether this is the long-running service (triggers on), rather than a one-shot command
     */
    public static ApiConnection start(CamelContext context, OpenPanelSettings settings, boolean service) throws Exception {
        Path credentialsFile = settings.dataDir().resolve("secrets").resolve(CREDENTIALS_FILE);
        ApiConnection running = RunningSandbox.find(credentialsFile);
        if (running != null && service) {
            throw new InvalidConfigurationException("another openpanel-camel service runs a sandbox on the data directory "
                    + settings.dataDir().toAbsolutePath() + " (" + running.apiUrl() + "); stop it first, or give this one its own"
                    + " OPENPANEL_DATA_DIR.");
        }
        if (running != null) {
            return running;
        }
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
        ApiConnection sandbox = new ApiConnection(simulator.url(), root.id(), Secret.of(root.secret()));
        if (!service) {
            LOG.warn("Sandbox mode: no sandbox service runs on the data directory {}, so this command uses a fresh, empty "
                    + "sandbox that ends with it (set OPENPANEL_API_URL to use OpenPanel)", settings.dataDir().toAbsolutePath());
            return sandbox;
        }
        Path credentials = new SecretFiles(settings.dataDir()).write(CREDENTIALS_FILE, RunningSandbox.credentialsFile(sandbox));
        String bar = "=".repeat(96);
        LOG.warn(bar);
        LOG.warn("SANDBOX MODE: openpanel.api-url (OPENPANEL_API_URL) is not set, so nothing here touches a real OpenPanel.");
        LOG.warn("Every call goes to the embedded Manage API simulator at {}/manage", simulator.url());
        LOG.warn("Its root client id is {}; its secret is in {}", root.id(), credentials.toAbsolutePath());
        LOG.warn("One-shot commands on this data directory use this sandbox while the service runs.");
        LOG.warn("To use OpenPanel, set OPENPANEL_API_URL, OPENPANEL_CLIENT_ID and OPENPANEL_CLIENT_SECRET.");
        LOG.warn(bar);
        return sandbox;
    }
}
