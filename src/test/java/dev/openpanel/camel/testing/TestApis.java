package dev.openpanel.camel.testing;

import java.time.Duration;
import org.apache.camel.impl.DefaultCamelContext;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore;

/** Camel contexts whose {@code openpanel} component points at a simulator, with quick retries for tests. */
public final class TestApis {

    private TestApis() {
    }

    /** A component for the simulator's seeded root client; the budget matches the simulator's. */
    public static OpenPanelComponent component(ManageApiSimulator simulator, int requests, Duration period) {
        return component(simulator, simulator.rootClient(), requests, period);
    }

    public static OpenPanelComponent component(ManageApiSimulator simulator, SimulatorStore.SeededClient client,
            int requests, Duration period) {
        OpenPanelComponent component = new OpenPanelComponent();
        component.setApiUrl(simulator.url());
        component.setClientId(client.id());
        component.setClientSecret(client.secret());
        component.setRateLimitRequests(requests);
        component.setRateLimitPeriod(period);
        component.setRateLimitMargin(Duration.ofMillis(Math.min(50, period.toMillis() / 20)));
        component.setRetryBackoff(Duration.ofMillis(10));
        component.setMaxRetryBackoff(Duration.ofMillis(40));
        component.setMaxRetries(3);
        component.setResponseTimeout(Duration.ofSeconds(5));
        return component;
    }

    /** A started context with the component as {@code openpanel}, after letting the caller adjust it. */
    public static DefaultCamelContext context(OpenPanelComponent component, Setup setup) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.addComponent("openpanel", component);
        context.getRegistry().bind("openpanelObjectMapper", ManageJson.mapper());
        try {
            setup.accept(context);
        } catch (Exception e) {
            throw new IllegalStateException("test context setup failed", e);
        }
        context.start();
        return context;
    }

    /** Adjusts a context before it starts (adds routes, beans). */
    @FunctionalInterface
    public interface Setup {
        void accept(DefaultCamelContext context) throws Exception;
    }

    /** The typed API of a started context's component. */
    public static ManageApi api(DefaultCamelContext context) {
        return context.getComponent("openpanel", OpenPanelComponent.class).getManageApi();
    }
}
