package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.TestApis;

/** The shared limiter against the simulator's own count, over real HTTP. */
class SharedRateLimitTest {

    @Test
    void twoRoutesCallingAtOnceShareOneBudgetAndNeverExceedIt() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(10, Duration.ofSeconds(1)).start()) {
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 10, Duration.ofSeconds(1)),
                    c -> c.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:projects").routeId("projects").to("openpanel:projects");
                            from("direct:clients").routeId("clients").to("openpanel:clients");
                        }
                    }));
            try {
                List<Object> results = callConcurrently(context, 8, 30, i -> i % 2 == 0 ? "direct:projects" : "direct:clients");
                assertThat(results).hasSize(30).allSatisfy(r -> assertThat(r).isInstanceOf(List.class));
            } finally {
                context.stop();
            }
            assertThat(simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id())).isLessThanOrEqualTo(10);
            assertThat(simulator.requests()).extracting(RecordedRequest::status).containsOnly(200).hasSize(30);
        }
    }

    @Test
    void theRealBudgetOfTwentyPerTenSecondsHoldsForFortyConcurrentCalls() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            dev.openpanel.camel.component.OpenPanelComponent component = TestApis.component(simulator, 20, Duration.ofSeconds(10));
            component.setRateLimitMargin(RateLimitSettings.MANAGE_API.margin());
            DefaultCamelContext context = TestApis.context(component, c -> { });
            try {
                List<Object> results = callConcurrently(context, 40, 40, i -> "openpanel:projects");
                assertThat(results).hasSize(40);
            } finally {
                context.stop();
            }
            List<RecordedRequest> requests = simulator.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsOnly(200).hasSize(40);
            assertThat(simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id())).isEqualTo(20);
            long first = requests.get(0).nanoTime();
            assertThat(requests.get(20).nanoTime() - first).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void whenAnotherClientSpentMostOfTheWindowTheLimiterWaitsForTheServersResetInsteadOfCollecting429s() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(10, Duration.ofSeconds(2)).start()) {
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 10, Duration.ofSeconds(2)), c -> { });
            long spentAt;
            try {
                ManageApi api = TestApis.api(context);
                spentAt = System.nanoTime();
                simulator.spendBudget(simulator.rootClient().id(), 8);
                for (int i = 0; i < 5; i++) {
                    api.projects().list();
                }
            } finally {
                context.stop();
            }
            List<RecordedRequest> requests = simulator.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsOnly(200).hasSize(5);
            assertThat(requests.get(2).nanoTime() - spentAt).as("the third call waits for the server's window to end")
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(10, Duration.ofSeconds(2)).start()) {
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 10, Duration.ofSeconds(2)), c -> { });
            long spentAt;
            try {
                spentAt = System.nanoTime();
                simulator.spendBudget(simulator.rootClient().id(), 10);
                TestApis.api(context).projects().list();
            } finally {
                context.stop();
            }
            List<RecordedRequest> requests = simulator.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 200);
            long limitedAt = requests.get(0).nanoTime();
            long windowEnd = spentAt + TimeUnit.SECONDS.toNanos(2);
            long retryAfter = TimeUnit.SECONDS.toNanos((long) Math.ceil((windowEnd - limitedAt) / 1e9));
            assertThat(requests.get(1).nanoTime() - limitedAt).isGreaterThanOrEqualTo(retryAfter);
        }
    }

    @Test
    void callsStillAllSucceedWhileACompetitorKeepsSpendingPartOfEveryWindow() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(10, Duration.ofSeconds(1)).start()) {
            simulator.startCompetingClient(simulator.rootClient().id(), 4, Duration.ofMillis(1_000));
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 10, Duration.ofSeconds(1)), c -> { });
            try {
                assertThat(callConcurrently(context, 6, 24, i -> "openpanel:projects")).hasSize(24);
            } finally {
                context.stop();
                simulator.stopCompetingClient();
            }
            assertThat(simulator.requests()).filteredOn(r -> r.status() == 200).hasSize(24);
        }
    }

    private static List<Object> callConcurrently(DefaultCamelContext context, int threads, int calls,
            java.util.function.IntFunction<String> endpoint) throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String uri = endpoint.apply(i);
                tasks.add(() -> template.requestBody(uri, (Object) null));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
