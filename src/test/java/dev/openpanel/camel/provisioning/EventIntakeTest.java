package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.testing.RawHttp;

/** The intake's answers beyond a valid event (conflicts, content types) and the event state endpoint. */
class EventIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFLICT = "event id '%s' was received before with different content: an event id is "
            + "provisioned once, with its first content; give a new deployment a new eventId";

    @TempDir
    static Path temp;

    private static ProvisioningFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ProvisioningFixture(temp, Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.simulator.behavior().reset();
        fixture.simulator.clearRequests();
    }

    @Test
    void anEventIdSentAgainWithOtherContentIsA409AtTheIntakeAndDeadLetteredFromTheQueue() throws Exception {
        String first = event("conflict-1", "conflict-shop", "https://conflict.example", "Deploy 1", "conflict read");
        String other = event("conflict-1", "conflict-shop", "https://other.example", "Deploy 2", "conflict read");
        assertThat(fixture.post(first).status()).isEqualTo(202);
        fixture.result("conflict-1", WAIT);
        fixture.simulator.clearRequests();

        RawHttp.Answer refused = fixture.post(other);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("eventId").asText()).isEqualTo("conflict-1");
        assertThat(refused.json().get("message").asText()).isEqualTo(CONFLICT.formatted("conflict-1"));
        assertThat(fixture.receive("jms:queue:deployments", Duration.ofMillis(300))).as("nothing was queued").isNull();

        assertThat(fixture.post(first.replace(",", ", ")).status()).as("the same content is an idempotent repeat").isEqualTo(202);
        assertThat(fixture.result("conflict-1", WAIT).get("repeated").asBoolean()).isTrue();

        fixture.main.getCamelContext().createProducerTemplate().sendBody("jms:queue:deployments", other);
        Exchange dead = deadLetter("conflict-1");
        assertThat(dead.getIn().getHeader(Provisioning.FAILURE_REASON, String.class)).isEqualTo(CONFLICT.formatted("conflict-1"));
        assertThat(dead.getIn().getBody(String.class)).isEqualTo(other);
        assertThat(fixture.simulator.requests()).as("no API call for a conflicting event").isEmpty();

        JsonNode state = fixture.intake(ProvisioningFixture.TOKEN).get("/events/deployment/conflict-1").json();
        assertThat(state.get("status").asText()).isEqualTo("provisioned");
        assertThat(state.at("/deadLetter/reason").asText()).isEqualTo(CONFLICT.formatted("conflict-1"));
    }

    @Test
    void theBodyIsReadAsJsonWithoutAContentTypeOrWithAnotherOneAndAFormBodyIsA415() throws Exception {
        RawHttp intake = fixture.intake(ProvisioningFixture.TOKEN);
        String bare = event("type-1", "type-shop", "https://type.example", "Deploy 1");
        assertThat(intake.send("POST", "/events/deployment", null, bare).status()).isEqualTo(202);
        assertThat(fixture.result("type-1", WAIT).at("/project/status").asText()).isEqualTo("created");

        String text = event("type-2", "type-shop", "https://type.example", "Deploy 2");
        assertThat(intake.send("POST", "/events/deployment", "text/plain; charset=utf-8", text).status()).isEqualTo(202);
        assertThat(fixture.result("type-2", WAIT).at("/reference/status").asText()).isEqualTo("created");

        String form = event("type-3", "type-shop", "https://type.example", "Deploy 3");
        RawHttp.Answer refused = intake.send("POST", "/events/deployment", "application/x-www-form-urlencoded", form);
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.json().get("message").asText()).contains("'Content-Type: application/json'")
                .contains("application/x-www-form-urlencoded").doesNotContain("empty");
        assertThat(fixture.receive("jms:queue:deployments", Duration.ofMillis(300))).as("nothing was queued").isNull();
    }

    @Test
    void theStateOfAnEventComesFromItsJournalWithIdsAndNeverSecrets() throws Exception {
        RawHttp intake = fixture.intake(ProvisioningFixture.TOKEN);
        assertThat(intake.get("/events/deployment/state-1").status()).isEqualTo(404);
        assertThat(intake.get("/events/deployment/state-1").json().get("status").asText()).isEqualTo("unknown");

        fixture.post(event("state-1", "state-shop", "https://state.example", "Deploy 1", "state read"));
        JsonNode result = fixture.result("state-1", WAIT);

        RawHttp.Answer answer = intake.get("/events/deployment/state-1");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode state = answer.json();
        assertThat(state.get("status").asText()).isEqualTo("provisioned");
        assertThat(state.at("/project/id").asText()).isEqualTo(result.at("/project/id").asText());
        assertThat(state.at("/project/firstClientId").asText()).isEqualTo(result.at("/project/firstClient/id").asText());
        assertThat(state.at("/clients/0/id").asText()).isEqualTo(result.at("/clients/0/id").asText());
        assertThat(state.at("/reference/id").asText()).isEqualTo(result.at("/reference/id").asText());
        assertThat(answer.body()).doesNotContain("sec_").doesNotContain("secret");

        assertThat(fixture.intake(null).get("/events/deployment/state-1").status()).isEqualTo(401);
        assertThat(fixture.intake("wrong").get("/events/deployment/state-1").status()).isEqualTo(401);
    }

    @Test
    void aDeadLetteredEventSaysSoWithTheReason() {
        fixture.simulator.behavior().failNext(Fault.answer(400,
                "{\"error\":\"Bad Request\",\"message\":\"Invalid domain\",\"statusCode\":400}").on("POST", "/manage/projects"));
        fixture.post(event("state-dead-1", "state-dead-shop", "https://state-dead.example", "Deploy"));
        String reason = deadLetter("state-dead-1").getIn().getHeader(Provisioning.FAILURE_REASON, String.class);

        JsonNode state = fixture.intake(ProvisioningFixture.TOKEN).get("/events/deployment/state-dead-1").json();
        assertThat(state.get("status").asText()).isEqualTo("dead-lettered");
        assertThat(state.at("/deadLetter/reason").asText()).isEqualTo(reason).contains("Invalid domain");
    }

    private static Exchange deadLetter(String eventId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Exchange dead = fixture.receive("jms:queue:deployments.dlq", Duration.ofMillis(500));
            if (dead != null && eventId.equals(dead.getIn().getHeader(Provisioning.EVENT_ID, String.class))) {
                return dead;
            }
        }
        throw new AssertionError("no dead letter for " + eventId + " within " + WAIT);
    }
}
