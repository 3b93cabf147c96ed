package dev.openpanel.camel.component.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.error.AccessDeniedException;
import dev.openpanel.camel.component.error.ApiUnavailableException;
import dev.openpanel.camel.component.error.AuthenticationException;
import dev.openpanel.camel.component.error.InvalidRequestException;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.error.RateLimitExceededException;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.TestApis;

/** Each failure becomes the exception that says what happened, after the retries that can help. */
class ManageApiErrorsTest {

    private ManageApiSimulator simulator;
    private DefaultCamelContext context;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        simulator.close();
    }

    private ManageApi api(Consumer<OpenPanelComponent> tweak) {
        OpenPanelComponent component = TestApis.component(simulator, 1000, Duration.ofSeconds(1));
        tweak.accept(component);
        context = TestApis.context(component, c -> { });
        return TestApis.api(context);
    }

    private ManageApi api() {
        return api(c -> { });
    }

    @Test
    void a400IsAPermanentInvalidRequestWithTheApisMessage() {
        OpenPanelApiException failure = catchApi(() -> api().projects().create(ProjectRequest.builder().name("").build()));
        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        assertThat(failure.getStatusCode()).isEqualTo(400);
        assertThat(failure.getApiError()).isEqualTo("Error");
        assertThat(failure.getApiMessage()).isEqualTo("body/name Too small: expected string to have >=1 characters");
        assertThat(failure.getMessage()).isEqualTo("Invalid request: POST /manage/projects answered 400: "
                + "body/name Too small: expected string to have >=1 characters");
        assertThat(OpenPanelErrors.isPermanent(failure)).isTrue();
        assertThat(requests("POST")).isEqualTo(1);
    }

    @Test
    void a401IsAnAuthenticationFailureThatIsNotPermanentAndNamesNoSecret() {
        String wrongSecret = "sec_0123456789abcdef0123";
        OpenPanelApiException failure = catchApi(() -> api(c -> c.setClientSecret(wrongSecret)).projects().list());
        assertThat(failure).isInstanceOf(AuthenticationException.class);
        assertThat(failure.getApiMessage()).isEqualTo("Manage: Invalid client secret");
        assertThat(OpenPanelErrors.isPermanent(failure)).isFalse();
        assertThat(OpenPanelErrors.isCredentialsProblem(failure)).isTrue();
        assertThat(failure.toString()).doesNotContain(wrongSecret).doesNotContain(simulator.rootClient().secret());
        assertThat(requests("GET")).isEqualTo(1);
    }

    @Test
    void a403IsAccessDenied() {
        simulator.behavior().failNext(Fault.answer(403, "{\"error\":\"Forbidden\",\"message\":\"Project does not belong to your organization\"}"));
        OpenPanelApiException failure = catchApi(() -> api().projects().list());
        assertThat(failure).isInstanceOf(AccessDeniedException.class);
        assertThat(failure.getApiMessage()).isEqualTo("Project does not belong to your organization");
        assertThat(OpenPanelErrors.isCredentialsProblem(failure)).isTrue();
    }

    @Test
    void a404OfTheApiIsAPermanentNotFound() {
        OpenPanelApiException failure = catchApi(() -> api().clients().get("00000000-0000-4000-8000-000000000000"));
        assertThat(failure).isInstanceOf(ResourceNotFoundException.class);
        assertThat(failure.getApiMessage()).isEqualTo("Client not found");
        assertThat(failure.isPermanent()).isTrue();
    }

    @Test
    void aRouteNotFoundMeansTheApiUrlIsWrongNotThatTheResourceIsMissing() {
        OpenPanelApiException failure = catchApi(() -> api(c -> c.setApiUrl(simulator.url() + "/api")).projects().list());
        assertThat(failure).isInstanceOf(ApiUnavailableException.class);
        assertThat(failure.getMessage()).contains("Route GET:/api/manage/projects not found").contains("openpanel.api-url");
        assertThat(failure.isPermanent()).isFalse();
    }

    @Test
    void transientServerErrorsAreRetriedUntilTheCallSucceeds() {
        simulator.behavior().failNext(Fault.answer(503, "{}")).failNext(Fault.answer(502, "{}"));
        assertThat(api().projects().list()).isNotNull();
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 502, 200);
    }

    @Test
    void serverErrorsThatOutlastTheRetriesAreATransientUnavailable() {
        simulator.behavior().failures(1.0, 503);
        OpenPanelApiException failure = catchApi(() -> api(c -> c.setMaxRetries(2)).projects().list());
        assertThat(failure).isInstanceOf(ApiUnavailableException.class);
        assertThat(failure.getStatusCode()).isEqualTo(503);
        assertThat(OpenPanelErrors.isTransient(failure)).isTrue();
        assertThat(requests("GET")).isEqualTo(3);
    }

    @Test
    void aRefusedConnectionIsRetriedAndThenUnavailableEvenForACreateBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ManageApi api = api(c -> c.setApiUrl("http://127.0.0.1:" + closedPort));
        OpenPanelApiException failure = catchApi(() -> api.projects().create(ProjectRequest.builder().name("x").build()));
        assertThat(failure).isInstanceOf(ApiUnavailableException.class);
        assertThat(failure.getMessage()).contains("after 3 retries");
        assertThat(failure.getStatusCode()).isZero();
    }

    @Test
    void aReadThatTimesOutIsRetried() {
        simulator.behavior().latency(Duration.ofMillis(600));
        OpenPanelApiException failure = catchApi(() -> api(c -> {
            c.setResponseTimeout(Duration.ofMillis(200));
            c.setMaxRetries(1);
        }).projects().list());
        assertThat(failure).isInstanceOf(ApiUnavailableException.class);
        assertThat(failure.getMessage()).contains("Timeout");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests("GET") == 2);
    }

    @Test
    void repeated429sBeyondTheConfiguredWaitsAreRateLimitExceeded() {
        ManageApi api = api(c -> c.setMaxRateLimitWaits(0));
        SimulatorStore.SeededClient root = simulator.rootClient();
        simulator.spendBudget(root.id(), 1000);
        OpenPanelApiException failure = catchApi(() -> api.projects().list());
        assertThat(failure).isInstanceOf(RateLimitExceededException.class);
        assertThat(((RateLimitExceededException) failure).getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(failure.isPermanent()).isFalse();
    }

    private long requests(String method) {
        return simulator.requests().stream().filter(r -> r.method().equals(method)).count();
    }

    private static OpenPanelApiException catchApi(Runnable call) {
        try {
            call.run();
        } catch (OpenPanelApiException e) {
            return e;
        }
        throw new AssertionError("expected an OpenPanelApiException");
    }
}
