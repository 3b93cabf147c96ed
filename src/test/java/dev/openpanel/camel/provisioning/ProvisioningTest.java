package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.testing.LogCapture;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** Deployment events through the HTTP intake and the embedded broker, provisioned against the simulator. */
class ProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    void anEventMakesTheProjectItsClientsAndTheReferenceAndPublishesTheSecretsOnce() throws Exception {
        try (LogCapture logs = LogCapture.at(Level.DEBUG)) {
            RawHttp.Answer accepted = fixture.post(event("happy-1", "shop-eu", "https://shop.example.eu", "Deploy v1.4.2", "shop-eu dashboards"));
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("eventId").asText()).isEqualTo("happy-1");

            JsonNode result = fixture.result("happy-1", WAIT);
            assertThat(fixture.simulator.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                    "GET /manage/projects", "POST /manage/projects", "POST /manage/clients", "POST /manage/references");
            SimProject project = project("shop-eu");
            assertThat(project.domain()).isEqualTo("https://shop.example.eu");
            assertThat(project.cors()).containsExactly("https://shop.example.eu");
            assertThat(result.get("repeated").asBoolean()).isFalse();
            assertThat(result.at("/project/id").asText()).isEqualTo(project.id());
            assertThat(result.at("/project/status").asText()).isEqualTo("created");
            String firstClient = result.at("/project/firstClient/id").asText();
            String firstSecret = result.at("/project/firstClient/secret").asText();
            JsonNode dashboards = result.get("clients").get(0);
            assertThat(dashboards.get("name").asText()).isEqualTo("shop-eu dashboards");
            assertThat(dashboards.get("type").asText()).isEqualTo("read");
            assertThat(dashboards.get("status").asText()).isEqualTo("created");
            String readSecret = dashboards.get("secret").asText();
            assertThat(fixture.simulator.store().clients()).filteredOn(c -> c.id().equals(dashboards.get("id").asText()))
                    .singleElement().satisfies(c -> assertThat(c.projectId()).isEqualTo(project.id()));
            assertThat(new RawHttp(fixture.simulator.url(), dashboards.get("id").asText(), readSecret).get("/manage/projects").json()
                    .get("message").asText()).as("the published secret is the client's real secret")
                    .isEqualTo("Manage: Only root clients are allowed to manage resources");
            assertThat(result.at("/reference/status").asText()).isEqualTo("created");
            assertThat(fixture.simulator.store().references()).filteredOn(r -> r.projectId().equals(project.id()))
                    .singleElement().satisfies(r -> assertThat(r.title()).isEqualTo("Deploy v1.4.2"));

            Path secrets = Path.of(result.get("secretsFile").asText());
            assertThat(Files.readAllLines(secrets)).containsExactly("clientId,projectId,clientType,clientSecret",
                    firstClient + "," + project.id() + ",write," + firstSecret,
                    dashboards.get("id").asText() + "," + project.id() + ",read," + readSecret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.getParent()))).isEqualTo("rwx------");

            assertThat(fixture.receive("jms:queue:deployments.results", Duration.ofMillis(500))).as("one result only").isNull();
            assertThat(logs.text()).contains("Event happy-1 provisioned").doesNotContain(firstSecret).doesNotContain(readSecret)
                    .doesNotContain(fixture.simulator.rootClient().secret());
        }
    }

    @Test
    void aRepeatedEventIdIsAnsweredWithTheEarlierResultWithoutApiCallsOrSecrets() throws Exception {
        String event = event("repeat-1", "repeat-shop", "https://repeat.example", "Deploy 1", "repeat read");
        fixture.post(event);
        JsonNode first = fixture.result("repeat-1", WAIT);
        fixture.simulator.clearRequests();

        assertThat(fixture.post(event).status()).isEqualTo(202);
        JsonNode again = fixture.result("repeat-1", WAIT);

        assertThat(again.get("repeated").asBoolean()).isTrue();
        assertThat(again.at("/project/id").asText()).isEqualTo(first.at("/project/id").asText());
        assertThat(again.get("clients").get(0).get("id").asText()).isEqualTo(first.get("clients").get(0).get("id").asText());
        assertThat(again.toString()).doesNotContain("secret\"").doesNotContain("sec_");
        assertThat(fixture.simulator.requests()).as("no API call for a repeated event").isEmpty();
        assertThat(projects("repeat-shop")).hasSize(1);
    }

    @Test
    void aSecondDeploymentOfAnExistingProjectOnlyAddsItsReference() throws Exception {
        fixture.post(event("second-1", "second-shop", "https://second.example", "Deploy 1", "second read"));
        JsonNode first = fixture.result("second-1", WAIT);
        fixture.simulator.clearRequests();

        fixture.post(event("second-2", "second-shop", "https://second.example", "Deploy 2", "second read"));
        JsonNode second = fixture.result("second-2", WAIT);

        assertThat(second.at("/project/status").asText()).isEqualTo("unchanged");
        assertThat(second.at("/project/firstClient").isMissingNode()).isTrue();
        assertThat(second.get("clients").get(0).get("status").asText()).isEqualTo("unchanged");
        assertThat(second.get("clients").get(0).get("id").asText()).isEqualTo(first.get("clients").get(0).get("id").asText());
        assertThat(second.get("clients").get(0).has("secret")).isFalse();
        assertThat(second.at("/reference/status").asText()).isEqualTo("created");
        assertThat(fixture.simulator.requests()).filteredOn(r -> !r.method().equals("GET"))
                .extracting(r -> r.method() + " " + r.path()).containsExactly("POST /manage/references");
        assertThat(fixture.simulator.store().references()).filteredOn(r -> r.projectId().equals(first.at("/project/id").asText()))
                .extracting(r -> r.title()).containsExactlyInAnyOrder("Deploy 1", "Deploy 2");
        assertThat(second.get("secretsFile").isNull()).as("nothing new, no secrets file").isTrue();
    }

    @Test
    void aProjectThatDriftedIsPatchedBackAndAnIdenticalReferenceIsNotMadeTwice() throws Exception {
        fixture.post(event("drift-1", "drift-shop", "https://drift.example", "Deploy 1"));
        String id = fixture.result("drift-1", WAIT).at("/project/id").asText();
        new RawHttp(fixture.simulator.url(), fixture.simulator.rootClient())
                .patch("/manage/projects/" + id, "{\"domain\":\"https://changed-by-hand.example\"}");
        fixture.simulator.clearRequests();

        fixture.post(event("drift-2", "drift-shop", "https://drift.example", "Deploy 1"));
        JsonNode result = fixture.result("drift-2", WAIT);

        assertThat(result.at("/project/status").asText()).isEqualTo("updated");
        assertThat(result.at("/project/message").asText()).isEqualTo("changed domain");
        assertThat(project("drift-shop").domain()).isEqualTo("https://drift.example");
        assertThat(result.at("/reference/status").asText()).isEqualTo("unchanged");
        assertThat(fixture.simulator.requests()).filteredOn(r -> !r.method().equals("GET"))
                .extracting(r -> r.method() + " " + r.path() + " " + r.body()).containsExactly(
                        "PATCH /manage/projects/" + id + " {\"domain\":\"https://drift.example\"}");
    }

    @Test
    void theIntakeRefusesInvalidEventsWithEveryReasonAndWrongTokens() {
        RawHttp.Answer invalid = fixture.post("{\"eventId\":\"bad-1\",\"project\":{\"name\":\"\",\"domain\":\"shop\","
                + "\"types\":[\"tv\"]},\"clients\":[{\"name\":\"x\",\"type\":\"root\"}],\"reference\":{\"title\":\"t\","
                + "\"datetime\":\"yesterday\"},\"extra\":1}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("problems")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "extra: unknown field (expected eventId, project, clients, reference, rotate)",
                "project.name: must not be empty",
                "project.domain: 'shop' is not an absolute URL (e.g. https://shop.example.com)",
                "project.types[0]: unknown project type 'tv': expected one of website, app, backend",
                "clients[0].type: root clients are not created from events (they manage the whole organisation); use read or write",
                "reference.datetime: 'yesterday' is not an ISO-8601 date-time with a zone (e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)");

        RawHttp.Answer notJson = fixture.post("{\"eventId\": \"bad-2\", ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("message").asText()).startsWith("invalid deployment event: invalid JSON at line 1");

        String valid = event("auth-1", "auth-shop", "https://auth.example", "Deploy");
        assertThat(fixture.intake(null).post("/events/deployment", valid).status()).isEqualTo(401);
        assertThat(fixture.intake("wrong-token").post("/events/deployment", valid).status()).isEqualTo(401);
        assertThat(fixture.receive("jms:queue:deployments", Duration.ofMillis(300))).as("nothing was queued").isNull();
        assertThat(fixture.simulator.requests()).isEmpty();
    }

    @Test
    void anInvalidEventOnTheQueueGoesToTheDeadLetterQueueAtOnceWithTheReason() {
        fixture.main.getCamelContext().createProducerTemplate().sendBody("jms:queue:deployments",
                "{\"eventId\":\"queue-bad-1\",\"project\":{\"domain\":\"https://x.example\"}}");

        Exchange dead = fixture.receive("jms:queue:deployments.dlq", WAIT);
        assertThat(dead).isNotNull();
        assertThat(dead.getIn().getBody(String.class)).isEqualTo("{\"eventId\":\"queue-bad-1\",\"project\":{\"domain\":\"https://x.example\"}}");
        assertThat(dead.getIn().getHeader(Provisioning.FAILURE_REASON, String.class))
                .isEqualTo("invalid deployment event: project.name: is required");
        assertThat(dead.getIn().getHeader(Provisioning.EVENT_ID, String.class)).isEqualTo("queue-bad-1");
        assertThat(fixture.simulator.requests()).isEmpty();
    }

    @Test
    void anEventTheApiRejectsGoesToTheDeadLetterQueueWithTheApiReason() {
        fixture.simulator.behavior().failNext(Fault.answer(400,
                "{\"error\":\"Bad Request\",\"message\":\"Invalid domain\",\"statusCode\":400}").on("POST", "/manage/projects"));
        fixture.post(event("api-bad-1", "api-bad-shop", "https://api-bad.example", "Deploy"));

        Exchange dead = fixture.receive("jms:queue:deployments.dlq", WAIT);
        assertThat(dead).isNotNull();
        assertThat(dead.getIn().getHeader(Provisioning.FAILURE_REASON, String.class)).contains("400").contains("Invalid domain");
        assertThat(dead.getIn().getBody(String.class)).contains("\"eventId\":\"api-bad-1\"");
        assertThat(fixture.simulator.requests()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
    }

    @Test
    void anEventWaitsWhileTheApiIsDownAndIsProvisionedOnceItReturnsNeverDeadLettered() throws Exception {
        fixture.simulator.behavior().failures(1.0, 503);
        fixture.post(event("down-1", "down-shop", "https://down.example", "Deploy"));
        await().atMost(WAIT).until(() -> fixture.simulator.requests().size() >= 8);
        assertThat(projects("down-shop")).isEmpty();

        fixture.simulator.behavior().reset();
        JsonNode result = fixture.result("down-1", WAIT);

        assertThat(result.at("/project/status").asText()).isEqualTo("created");
        assertThat(projects("down-shop")).hasSize(1);
        assertThat(fixture.receive("jms:queue:deployments.dlq", Duration.ofMillis(300))).isNull();
    }

    @Test
    void credentialsRefusedMidEventAreWaitedOutNotDeadLettered() throws Exception {
        fixture.simulator.behavior().failNext(Fault.answer(401,
                "{\"error\":\"Unauthorized\",\"message\":\"Manage: Invalid client secret\",\"statusCode\":401}").on("POST", "/manage/clients"));
        fixture.post(event("auth-mid-1", "auth-mid-shop", "https://auth-mid.example", "Deploy", "auth-mid read"));

        JsonNode result = fixture.result("auth-mid-1", WAIT);

        assertThat(result.get("clients").get(0).get("status").asText()).isEqualTo("created");
        assertThat(projects("auth-mid-shop")).hasSize(1);
        List<SimClient> reads = fixture.simulator.store().clients().stream().filter(c -> c.name().equals("auth-mid read")).toList();
        assertThat(reads).hasSize(1);
        assertThat(fixture.receive("jms:queue:deployments.dlq", Duration.ofMillis(300))).isNull();
    }

    @Test
    void anEventOverTheSizeLimitIsRefusedWith413AndWithoutATokenTheIntakeIsOff() {
        String huge = event("huge-1", "huge-shop", "https://huge.example", "x".repeat(70_000));
        RawHttp.Answer tooLarge = fixture.post(huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asText()).isEqualTo("the event is " + huge.length() + " bytes; the limit is 65536");

        int port = TestMains.freePort();
        org.apache.camel.main.Main tokenless = TestMains.start(Map.of("openpanel.data-dir", temp.resolve("tokenless").toString(),
                "openpanel.http.port", String.valueOf(port), "openpanel.health.probe-interval", "1h"));
        try {
            RawHttp.Answer off = RawHttp.bearer("http://127.0.0.1:" + port, "anything").post("/events/deployment",
                    event("off-1", "off-shop", "https://off.example", "Deploy"));
            assertThat(off.status()).isEqualTo(404);
            assertThat(off.json().get("message").asText()).isEqualTo("this endpoint is disabled: openpanel.intake.token is not set");
        } finally {
            tokenless.stop();
        }
        assertThat(fixture.simulator.requests()).isEmpty();
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryStopsWithOneSentenceInsteadOfWaitingForTheQueue() {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("openpanel.data-dir", fixture.data.toString());
        properties.put("openpanel.health.probe-interval", "1h");
        assertThatThrownBy(() -> TestMains.start(properties)).hasMessageContaining("another openpanel-camel service holds the event queue's journal (it holds "
                + fixture.data.resolve("state/openpanel-camel.lock") + ")")
                .hasMessageContaining("OPENPANEL_DATA_DIR");
    }

    private static List<SimProject> projects(String name) {
        return fixture.simulator.store().projects().stream().filter(p -> p.name().equals(name)).toList();
    }

    private static SimProject project(String name) {
        List<SimProject> named = projects(name);
        assertThat(named).hasSize(1);
        return named.get(0);
    }
}
