package dev.openpanel.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.error.AuthenticationException;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.Secret;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimulatorStore.SeededClient;
import dev.openpanel.camel.testing.TestApis;

/**
 * The component's root client from a credentials source that changes while it runs: the next request sends the new
 * secret, through the same {@link ManageApi} and the same rate-limit budget, which belongs to the client id.
 */
class ChangingRootCredentialsTest {

    private ManageApiSimulator simulator;
    private DefaultCamelContext context;
    private final AtomicReference<ClientCredentials> current = new AtomicReference<>();

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(100, Duration.ofSeconds(60)).start();
        SeededClient root = simulator.store().addRootClient();
        current.set(credentials(root));
        OpenPanelComponent component = TestApis.component(simulator, root, 50, Duration.ofSeconds(60));
        component.credentialsFrom(current::get);
        context = TestApis.context(component, c -> { });
    }

    @AfterEach
    void stop() {
        context.stop();
        simulator.close();
    }

    @Test
    void aNewSecretOfTheSameClientIsSentFromTheNextCallAndKeepsItsBudget() {
        ManageApi api = TestApis.api(context);
        String id = current.get().clientId();
        api.projects().list();
        context.createProducerTemplate().requestBody("openpanel:projects", (Object) null);
        RateLimiter limiter = api.client().limiter();
        assertThat(limiter.status().ownRequests()).isEqualTo(2);

        SeededClient replaced = simulator.store().replaceSecret(id);
        assertThatThrownBy(() -> api.projects().list()).as("the old secret no longer works")
                .isInstanceOf(AuthenticationException.class);
        current.set(credentials(replaced));

        assertThat(api.projects().list()).isEqualTo(List.of());
        context.createProducerTemplate().requestBody("openpanel:projects", (Object) null);
        assertThat(TestApis.api(context)).as("one API for the root client whatever its secret").isSameAs(api);
        assertThat(api.client().limiter()).as("the budget is the client id's").isSameAs(limiter);
        assertThat(limiter.status().ownRequests()).isEqualTo(5);
        assertThat(simulator.requests()).extracting(r -> r.status()).containsExactly(200, 200, 401, 200, 200);
        assertThat(simulator.requests()).extracting(r -> r.clientId()).containsOnly(id);
    }

    @Test
    void anotherClientIdGetsABudgetOfItsOwn() {
        ManageApi api = TestApis.api(context);
        String firstId = current.get().clientId();
        api.projects().list();
        RateLimiter first = api.client().limiter();

        SeededClient other = simulator.store().addRootClient();
        current.set(credentials(other));
        api.projects().list();

        assertThat(api.client().limiter()).isNotSameAs(first);
        assertThat(api.client().limiter().status().ownRequests()).isEqualTo(1);
        assertThat(first.status().ownRequests()).isEqualTo(1);
        assertThat(simulator.requests()).extracting(r -> r.clientId()).containsExactly(firstId, other.id());
    }

    private static ClientCredentials credentials(SeededClient client) {
        return new ClientCredentials(client.id(), Secret.of(client.secret()));
    }
}
