package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A results channel that cannot take the result yet: the provisioned event is not dead-lettered and not provisioned
 * again; only the result's delivery is retried until the channel takes it.
 */
class ResultDeliveryTest {

    @TempDir
    Path temp;

    @Test
    void aResultThatCannotBeDeliveredIsRetriedNotDeadLetteredAndNotProvisionedAgain() throws Exception {
        try (ProvisioningFixture fixture = new ProvisioningFixture(temp, Map.of("openpanel.provisioning.results", "direct:late-results?block=false"))) {
            fixture.post(event("late-1", "late-shop", "https://late.example", "Deploy", "late reader"));
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.simulator.received("POST") == 3);
            Thread.sleep(1_000);
            assertThat(fixture.receive("jms:queue:deployments.dlq", Duration.ofMillis(200))).isNull();

            fixture.main.getCamelContext().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:late-results?block=false").to("jms:queue:deployments.results");
                }
            });
            JsonNode result = fixture.result("late-1", Duration.ofSeconds(20));

            assertThat(result.at("/project/status").asText()).isEqualTo("created");
            assertThat(result.get("clients").get(0).get("secret").asText()).as("the secrets survive the wait").startsWith("sec_");
            assertThat(fixture.simulator.received("POST")).as("provisioned once").isEqualTo(3);
            assertThat(fixture.receive("jms:queue:deployments.dlq", Duration.ofMillis(300))).isNull();
        }
    }
}
