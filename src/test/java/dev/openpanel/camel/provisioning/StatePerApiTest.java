package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the service remembers is kept per API: the same data directory pointed at another (empty) OpenPanel, such as
 * the next sandbox, provisions an event id again there, and still answers a repeat against the first one.
 */
class StatePerApiTest {

    @TempDir
    Path temp;

    @Test
    void anEventIdDoneAgainstOneApiIsProvisionedAgainstAnotherOne() throws Exception {
        String event = event("per-api-1", "per-api-shop", "https://per-api.example", "Deploy");
        try (ProvisioningFixture first = new ProvisioningFixture(temp, Map.of())) {
            first.post(event);
            assertThat(first.result("per-api-1", Duration.ofSeconds(20)).get("repeated").asBoolean()).isFalse();
        }
        try (ProvisioningFixture second = new ProvisioningFixture(temp, Map.of())) {
            second.post(event);
            JsonNode result = second.result("per-api-1", Duration.ofSeconds(20));
            assertThat(result.get("repeated").asBoolean()).as("a new API has not seen the event").isFalse();
            assertThat(result.at("/project/status").asText()).isEqualTo("created");
            assertThat(second.simulator.store().projects()).extracting(p -> p.name()).contains("per-api-shop");

            second.post(event);
            assertThat(second.result("per-api-1", Duration.ofSeconds(20)).get("repeated").asBoolean()).isTrue();
        }
        try (Stream<Path> apis = Files.list(temp.resolve("data/state"))) {
            assertThat(apis.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("127.0.0.1-")))
                    .as("one state directory per API").hasSize(2);
        }
    }
}
