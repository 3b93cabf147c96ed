package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.TestApis;

/** The endpoint's {@code priority} option and the {@code CamelOpenpanelPriority} header reach the shared limiter. */
class PriorityOptionTest {

    @Test
    void aCallMarkedUrgentByItsHeaderOvertakesBulkCallsWaitingForTheBudget() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(4, Duration.ofSeconds(2)).start()) {
            OpenPanelComponent component = TestApis.component(simulator, 4, Duration.ofSeconds(2));
            component.setRateLimitMargin(Duration.ofMillis(300)); // the first call of a JVM takes longer to arrive
            DefaultCamelContext context = TestApis.context(component, c -> { });
            ExecutorService callers = Executors.newCachedThreadPool();
            try {
                ProducerTemplate template = context.createProducerTemplate();
                RateLimiter limiter = TestApis.api(context).client().limiter();
                // Answers 150 ms apart free the four slots 150 ms apart, so the calls sent on freed slots reach the
                // server in the order they got their permits.
                simulator.behavior().latency(Duration.ofMillis(150));
                for (int i = 0; i < 4; i++) {
                    template.requestBody("openpanel:references", (Object) null);
                }
                List<Future<Object>> bulk = List.of(
                        callers.submit(() -> template.requestBody("openpanel:projects?priority=bulk", (Object) null)),
                        callers.submit(() -> template.requestBody("openpanel:projects?priority=bulk", (Object) null)),
                        callers.submit(() -> template.requestBody("openpanel:projects?priority=bulk", (Object) null)));
                await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().bulkWaiting() == 3);
                Future<Object> urgent = callers.submit(() -> template.requestBodyAndHeader("openpanel:clients?priority=bulk",
                        null, OpenPanelConstants.PRIORITY, "urgent"));
                await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().urgentWaiting() == 1);
                urgent.get();
                for (Future<Object> call : bulk) {
                    call.get();
                }
            } finally {
                callers.shutdownNow();
                context.stop();
            }
            assertThat(simulator.requests()).extracting(RecordedRequest::path).containsExactly("/manage/references",
                    "/manage/references", "/manage/references", "/manage/references", "/manage/clients", "/manage/projects",
                    "/manage/projects", "/manage/projects");
            assertThat(simulator.requests()).extracting(RecordedRequest::status).containsOnly(200);
        }
    }

    @Test
    void anEnsureWritesAtItsStepsPriorityWhateverPriorityTheUnitsSnapshotWasTakenAt() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(4, Duration.ofSeconds(2)).start()) {
            OpenPanelComponent component = TestApis.component(simulator, 4, Duration.ofSeconds(2));
            component.setRateLimitMargin(Duration.ofMillis(300));
            DefaultCamelContext context = TestApis.context(component, c -> { });
            ExecutorService callers = Executors.newCachedThreadPool();
            try {
                ProducerTemplate template = context.createProducerTemplate();
                ManageApi api = TestApis.api(context);
                RateLimiter limiter = api.client().limiter();
                ResourceSnapshot urgentSnapshot = ResourceSnapshot.of(api);
                urgentSnapshot.seed(ResourceKind.projects(), List.of());
                for (int i = 0; i < 4; i++) {
                    template.requestBody("openpanel:references", (Object) null);
                }
                Future<Exchange> create = callers.submit(() -> template.send("openpanel:projects?operation=ensure&priority=bulk",
                        exchange -> {
                            exchange.setProperty(OpenPanelConstants.SNAPSHOT, urgentSnapshot);
                            exchange.getIn().setBody(ProjectRequest.builder().name("bulk write").build());
                        }));
                await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().bulkWaiting() + limiter.status().urgentWaiting() == 1);
                assertThat(limiter.status().bulkWaiting()).as("the create waits as bulk work, as its step says").isEqualTo(1);
                assertThat(create.get().getException()).isNull();
            } finally {
                callers.shutdownNow();
                context.stop();
            }
            assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.path()).last().isEqualTo("POST /manage/projects");
        }
    }

    @Test
    void theBulkViewOfTheApiSharesTheLimiterAndAnUnknownPriorityIsRefusedBeforeAnyCall() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 20, Duration.ofSeconds(10)), c -> { });
            try {
                ManageApi api = TestApis.api(context);
                ManageApi bulk = api.withPriority(CallPriority.BULK);
                assertThat(bulk.client().priority()).isEqualTo(CallPriority.BULK);
                assertThat(bulk.client().limiter()).isSameAs(api.client().limiter());
                assertThat(bulk.withPriority(CallPriority.URGENT)).isSameAs(api);
                assertThat(bulk.base()).isSameAs(api);
                assertThatThrownBy(() -> context.createProducerTemplate().requestBodyAndHeader("openpanel:projects", null,
                        OpenPanelConstants.PRIORITY, "asap")).cause()
                        .hasMessage("unknown call priority 'asap': expected one of urgent, bulk");
            } finally {
                context.stop();
            }
            assertThat(simulator.requests()).isEmpty();
        }
    }
}
