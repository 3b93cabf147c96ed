package dev.openpanel.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.RawHttp;

/** Body parsing, validation messages, authentication and the order of the server's checks. */
class SimulatorProtocolTest {

    private static ManageApiSimulator simulator;
    private static RawHttp api;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(10_000, Duration.ofSeconds(1)).start();
        api = new RawHttp(simulator.url(), simulator.rootClient());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void validationMessagesAreZodsWithTheBodyPathAndSeveralAreJoined() {
        assertThat(message(api.post("/manage/projects", "{}")))
                .isEqualTo("body/name Invalid input: expected string, received undefined");
        assertThat(message(api.post("/manage/projects", "{\"name\":\"\"}")))
                .isEqualTo("body/name Too small: expected string to have >=1 characters");
        assertThat(message(api.post("/manage/projects", "{\"name\":\"x\",\"types\":[\"web\"]}")))
                .isEqualTo("body/types/0 Invalid option: expected one of \"website\"|\"app\"|\"backend\"");
        assertThat(message(api.post("/manage/projects", "{\"name\":\"x\",\"cors\":\"https://a\"}")))
                .isEqualTo("body/cors Invalid input: expected array, received string");
        assertThat(message(api.post("/manage/projects", "{\"name\":5,\"crossDomain\":\"yes\"}")))
                .isEqualTo("body/name Invalid input: expected string, received number, "
                        + "body/crossDomain Invalid input: expected boolean, received string");
        assertThat(message(api.post("/manage/clients", "{\"name\":\"c\",\"type\":\"admin\"}")))
                .isEqualTo("body/type Invalid option: expected one of \"read\"|\"write\"|\"root\"");
        RawHttp.Answer answer = api.post("/manage/projects", "[]");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("Error");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(message(answer)).isEqualTo("body/ Invalid input: expected object, received array");
    }

    @Test
    void bodiesAreParsedAsFastifyDoes() {
        RawHttp.Answer none = api.send("POST", "/manage/projects", null, null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(message(none)).isEqualTo("body/ Invalid input: expected object, received null");

        RawHttp.Answer empty = api.send("POST", "/manage/projects", "application/json", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").asText()).isEqualTo("FastifyError");
        assertThat(message(empty)).isEqualTo("Body cannot be empty when content-type is set to 'application/json'");

        RawHttp.Answer malformed = api.send("POST", "/manage/projects", "application/json; charset=utf-8", "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(message(malformed)).isEqualTo("Body is not valid JSON but content-type is set to 'application/json'");

        RawHttp.Answer form = api.send("POST", "/manage/projects", "application/x-www-form-urlencoded", "name=x");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.body()).isEqualTo("{\"status\":415,\"error\":\"FastifyError\",\"message\":\"Unsupported Media Type\"}");

        assertThat(api.send("POST", "/manage/projects", "application/json; charset=utf-8", "{\"name\":\"charset ok\"}").status())
                .isEqualTo(200);
    }

    @Test
    void authenticationFailuresAre401WithoutAStatusKeyAndTheServersMessages() {
        SimulatorStore.SeededClient write = simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "w", "write",
                null, Instant.now());
        String root = simulator.rootClient().id();
        assertThat(refusal(api.as(null, null))).isEqualTo("Manage: Client ID must be a valid UUIDv4");
        assertThat(refusal(api.as(root.toUpperCase(), simulator.rootClient().secret()))).isEqualTo("Manage: Client ID must be a valid UUIDv4");
        assertThat(refusal(api.as("11111111-1111-4111-8111-111111111111", "sec_x"))).isEqualTo("Manage: Invalid client id");
        assertThat(refusal(api.as(root, "sec_00000000000000000000"))).isEqualTo("Manage: Invalid client secret");
        assertThat(refusal(api.as(root, null))).isEqualTo("Manage: Invalid client secret");
        assertThat(refusal(api.as(write.id(), write.secret()))).isEqualTo("Manage: Only root clients are allowed to manage resources");
        assertThat(api.as(root, "wrong").get("/manage/projects").body()).startsWith("{\"error\":\"Unauthorized\"");
    }

    @Test
    void aBadBodyWithoutCredentialsIs400NotA401() {
        RawHttp.Answer answer = api.as(null, null).post("/manage/projects", "{}");
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void unknownRoutesAre404sThatAreNotCountedAndCarryNoRateLimitHeaders() {
        RawHttp.Answer put = api.send("PUT", "/manage/projects/x", "application/json", "{}");
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.body()).isEqualTo("{\"message\":\"Route PUT:/manage/projects/x not found\",\"error\":\"Not Found\",\"statusCode\":404}");
        assertThat(put.header("x-ratelimit-limit")).isNull();
        assertThat(api.post("/manage/projects/x", "{}").status()).isEqualTo(404);
        assertThat(api.delete("/manage/projects").status()).isEqualTo(404);
        assertThat(api.get("/manage/nothing").header("x-ratelimit-remaining")).isNull();

        RawHttp.Answer counted = api.get("/manage/projects/does-not-exist");
        assertThat(counted.status()).isEqualTo(404);
        assertThat(counted.header("x-ratelimit-remaining")).isNotNull();
    }

    private static String message(RawHttp.Answer answer) {
        return answer.json().get("message").asText();
    }

    private static String refusal(RawHttp client) {
        RawHttp.Answer answer = client.get("/manage/projects");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().has("status")).isFalse();
        assertThat(answer.json().get("error").asText()).isEqualTo("Unauthorized");
        return answer.json().get("message").asText();
    }
}
