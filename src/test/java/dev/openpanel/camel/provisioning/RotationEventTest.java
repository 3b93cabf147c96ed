package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;

/**
 * A rotation event ({@code {"eventId": ..., "rotate": {"clientId": ...}}}) on the provisioning channel, through the
 * intake and the embedded broker: the result message carries the new client and its secret, a repeat carries no
 * secret and makes no call, a reused event id with other content is a conflict, a malformed one a 400, and a client
 * the API does not know is dead-lettered with the reason.
 */
class RotationEventTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private ProvisioningFixture fixture;
    private SimulatorStore.SeededClient old;

    @BeforeEach
    void start() {
        fixture = new ProvisioningFixture(temp, Map.of("openpanel.rotation.grace", "24h"));
        String project = fixture.simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Event Shop", Instant.now());
        old = fixture.simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "event shop reader", "read", project, Instant.now());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRotationEventPublishesTheNewClientWithItsSecretOnceAndARepeatMakesNoCall() throws Exception {
        assertThat(fixture.post(rotation("rotate-1", old.id())).status()).isEqualTo(202);
        JsonNode result = fixture.result("rotate-1", WAIT);
        JsonNode rotation = result.get("rotation");
        assertThat(rotation.get("oldClientId").asText()).isEqualTo(old.id());
        assertThat(rotation.get("status").asText()).isEqualTo("rotated");
        String newId = rotation.get("newClientId").asText();
        String secret = rotation.get("secret").asText();
        assertThat(fixture.simulator.store().clients()).filteredOn(c -> c.id().equals(newId)).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("event shop reader"));
        assertThat(new RawHttp(fixture.simulator.url(), newId, secret).get("/manage/projects").json().get("message").asText())
                .as("the published secret is the new client's").isEqualTo("Manage: Only root clients are allowed to manage resources");

        int writes = fixture.simulator.received("POST") + fixture.simulator.received("PATCH") + fixture.simulator.received("DELETE");
        assertThat(fixture.post(rotation("rotate-1", old.id())).status()).isEqualTo(202);
        JsonNode repeat = fixture.result("rotate-1", WAIT).get("rotation");
        assertThat(repeat.get("status").asText()).isEqualTo("repeated");
        assertThat(repeat.get("newClientId").asText()).isEqualTo(newId);
        assertThat(repeat.has("secret")).as("a repeat carries no secret").isFalse();
        assertThat(fixture.simulator.received("POST") + fixture.simulator.received("PATCH") + fixture.simulator.received("DELETE"))
                .isEqualTo(writes);

        RawHttp.Answer conflict = fixture.post(rotation("rotate-1", newId));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(fixture.intake(ProvisioningFixture.TOKEN).get("/events/deployment/rotate-1").json().get("status").asText())
                .isEqualTo("provisioned");
    }

    @Test
    void aMalformedRotationEventIsRefusedWithTheReasonAndAnUnknownClientIsDeadLettered() {
        RawHttp.Answer mixed = fixture.post("{\"eventId\":\"rotate-2\",\"rotate\":{\"clientId\":\"" + old.id()
                + "\"},\"project\":{\"name\":\"Event Shop\"}}");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().get("message").asText()).contains("rotate: an event that rotates a client carries only eventId and rotate");
        RawHttp.Answer notAnId = fixture.post(rotation("rotate-3", "shop reader"));
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().get("message").asText()).contains("rotate.clientId: must be a client id (a UUID)");

        String unknown = "0b0f6c3e-1111-4222-8333-944455556666";
        assertThat(fixture.post(rotation("rotate-4", unknown)).status()).isEqualTo(202);
        Exchange dead = fixture.receive("jms:queue:deployments.dlq", WAIT);
        assertThat(dead).isNotNull();
        assertThat(dead.getIn().getHeader(Provisioning.EVENT_ID, String.class)).isEqualTo("rotate-4");
        assertThat(dead.getIn().getHeader(Provisioning.FAILURE_REASON, String.class)).contains("404");
        assertThat(fixture.simulator.store().clients()).extracting(SimClient::id).contains(old.id());
        assertThat(fixture.simulator.received("POST")).isZero();
    }

    private static String rotation(String eventId, String clientId) {
        return "{\"eventId\":\"" + eventId + "\",\"rotate\":{\"clientId\":\"" + clientId + "\"}}";
    }
}
