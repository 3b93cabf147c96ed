package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.TestMains;

/** The component is configured the Camel Main way: camel.component.openpanel.* wins over the openpanel.* keys. */
class ComponentPropertiesTest {

    @TempDir
    Path temp;

    @Test
    void camelComponentPropertiesConfigureTheComponentAndTheOpenpanelKeysStillWork() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            Map<String, String> properties = TestMains.simulatorProperties(simulator, temp.resolve("data"));
            properties.put("openpanel.http-client.connect-timeout", "7s");
            properties.put("camel.component.openpanel.response-timeout", "3s");
            properties.put("camel.component.openpanel.max-rate-limit-waits", "2");
            Main main = TestMains.start(properties);
            try {
                OpenPanelComponent component = main.getCamelContext().getComponent("openpanel", OpenPanelComponent.class);
                assertThat(component.getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(component.getMaxRateLimitWaits()).isEqualTo(2);
                assertThat(component.getConnectTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(component.getApiUrl()).isEqualTo(simulator.url());
            } finally {
                main.stop();
            }
        }
    }
}
