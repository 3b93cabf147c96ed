package dev.openpanel.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.RawHttp;

/** The knobs: faults, failure and drop ratios, latency, and the request log. */
class SimulatorBehaviorTest {

    private ManageApiSimulator simulator;
    private RawHttp api;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(10_000, Duration.ofSeconds(1)).seed(42).start();
        api = new RawHttp(simulator.url(), simulator.rootClient());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aFaultAnswersTheNextMatchingRequestOnceWithItsStatusAndBody() {
        simulator.behavior().failNext(Fault.answer(403, "{\"error\":\"Forbidden\",\"message\":\"no\"}").on("GET", "/manage/clients"));
        assertThat(api.get("/manage/projects").status()).isEqualTo(200);
        RawHttp.Answer faulted = api.get("/manage/clients");
        assertThat(faulted.status()).isEqualTo(403);
        assertThat(faulted.header("x-ratelimit-remaining")).isNotNull();
        assertThat(api.get("/manage/clients").status()).isEqualTo(200);
    }

    @Test
    void aDropAfterHandlingDoesTheWorkButSendsNoAnswer() {
        simulator.behavior().failNext(Fault.dropAfterHandling().on("POST", "/manage/projects"));
        assertThatThrownBy(() -> api.post("/manage/projects", "{\"name\":\"Dropped\"}")).isInstanceOf(IllegalStateException.class);
        assertThat(simulator.store().projects()).extracting(SimProject::name).contains("Dropped");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(simulator.requests()).last().satisfies(r -> assertThat(r.dropped()).isTrue()));
    }

    @Test
    void aDropBeforeHandlingDoesNothing() {
        simulator.behavior().failNext(Fault.dropBeforeHandling().on("POST", null));
        assertThatThrownBy(() -> api.post("/manage/projects", "{\"name\":\"Never\"}")).isInstanceOf(IllegalStateException.class);
        assertThat(simulator.store().projects()).extracting(SimProject::name).doesNotContain("Never");
    }

    @Test
    void aFailureRatioOfOneAnswersEveryCountedRequestWithTheChosenStatus() {
        simulator.behavior().failures(1.0, 502);
        assertThat(api.get("/manage/projects").status()).isEqualTo(502);
        simulator.behavior().reset();
        assertThat(api.get("/manage/projects").status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        simulator.behavior().latency(Duration.ofMillis(200));
        long start = System.nanoTime();
        api.get("/manage/projects");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void knobsRejectValuesOutOfRange() {
        assertThatThrownBy(() -> simulator.behavior().failures(1.5, 503)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> simulator.behavior().failures(0.1, 404)).hasMessageContaining("5xx");
        assertThatThrownBy(() -> simulator.behavior().latency(Duration.ofMillis(-1))).hasMessageContaining("latency");
        assertThatThrownBy(() -> ManageApiSimulator.builder().rateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1");
    }

    @Test
    void theRequestLogRecordsWhatWasSentAndAnswered() {
        api.post("/manage/projects", "{\"name\":\"Logged\"}");
        api.get("/manage/clients?projectId=logged");
        assertThat(simulator.requests()).extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::query,
                RecordedRequest::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/manage/projects", null, 200),
                        org.assertj.core.groups.Tuple.tuple("GET", "/manage/clients", "projectId=logged", 200));
        assertThat(simulator.requests().get(0).body()).isEqualTo("{\"name\":\"Logged\"}");
        assertThat(simulator.requests().get(0).clientId()).isEqualTo(simulator.rootClient().id());
    }
}
