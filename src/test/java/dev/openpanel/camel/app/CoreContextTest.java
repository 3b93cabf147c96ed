package dev.openpanel.camel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.provisioning.EmbeddedBroker;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.TestMains;

/** The context of a command that only calls the API: the core, configured as under Camel Main, and nothing else. */
class CoreContextTest {

    @TempDir
    Path temp;

    @Test
    void theCoreCallsTheApiThroughTheLimiterWithoutRoutesServerBrokerOrScheduler() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            CamelContext context = CoreContext.start(Map.of(), oneShot(TestMains.simulatorProperties(simulator, temp.resolve("data"))));
            try {
                Exchange listed = context.createProducerTemplate().request("openpanel:projects",
                        exchange -> exchange.getIn().setHeader(OpenPanelConstants.OPERATION, "list"));

                assertThat(listed.getException()).isNull();
                assertThat(simulator.requests()).hasSize(1);
                assertThat(OpenPanelConfiguration.manageApi(context).client().limiter().status().ownRequests())
                        .as("the call took its permit from the limiter").isEqualTo(1);
                assertThat(context.getComponentNames()).containsExactly(OpenPanelConfiguration.COMPONENT);
                assertThat(context.getRoutes()).isEmpty();
                assertThat(context.getRegistry().findByType(EmbeddedBroker.class)).isEmpty();
                assertThat(context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class).root())
                        .isEqualTo(temp.resolve("data").toAbsolutePath());
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void camelComponentPropertiesConfigureTheComponentAsUnderCamelMain() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            Map<String, String> properties = oneShot(TestMains.simulatorProperties(simulator, temp.resolve("data")));
            properties.put("openpanel.http-client.connect-timeout", "7s");
            properties.put("camel.component.openpanel.response-timeout", "3s");
            properties.put("camel.component.openpanel.max-rate-limit-waits", "2");
            CamelContext context = CoreContext.start(Map.of(), properties);
            try {
                OpenPanelComponent component = context.getComponent(OpenPanelConfiguration.COMPONENT, OpenPanelComponent.class);
                assertThat(component.getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(component.getMaxRateLimitWaits()).isEqualTo(2);
                assertThat(component.getConnectTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(component.getApiUrl()).isEqualTo(simulator.url());
            } finally {
                context.stop();
            }
        }
    }

    private static Map<String, String> oneShot(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("openpanel.triggers.enabled", "false");
        all.put("camel.server.enabled", "false");
        return all;
    }
}
