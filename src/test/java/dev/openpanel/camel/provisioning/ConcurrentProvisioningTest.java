package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimProject;

/**
 * Several consumers at once: events with different ids are provisioned side by side, and the same event id arriving on
 * two consumers at the same moment is provisioned once (the second waits for the first, then is a repeat).
 */
class ConcurrentProvisioningTest {

    @TempDir
    Path temp;

    @Test
    void theSameEventOnFourConsumersAtOnceIsProvisionedOnceAndOtherEventsDoNotWaitForIt() throws Exception {
        try (ProvisioningFixture fixture = new ProvisioningFixture(temp, Map.of("openpanel.triggers.enabled", "false"))) {
            fixture.simulator.behavior().latency(Duration.ofMillis(100));
            ProducerTemplate template = fixture.main.getCamelContext().createProducerTemplate();
            String same = ProvisioningFixture.event("same-1", "same-shop", "https://same.example", "Deploy 1", "same read");
            List<Callable<ProvisioningResult>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> template.requestBody("direct:provision-event", same, ProvisioningResult.class));
            }
            for (int i = 0; i < 4; i++) {
                String other = ProvisioningFixture.event("other-" + i, "other-shop-" + i, "https://other" + i + ".example",
                        "Deploy 1", "other read " + i);
                calls.add(() -> template.requestBody("direct:provision-event", other, ProvisioningResult.class));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<ProvisioningResult> results = new ArrayList<>();
            try {
                for (Future<ProvisioningResult> future : pool.invokeAll(calls)) {
                    results.add(future.get());
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(results.subList(0, 4)).filteredOn(r -> !r.repeated()).hasSize(1);
            assertThat(results.subList(0, 4)).extracting(r -> r.project().id()).containsOnly("same-shop");
            assertThat(results.subList(4, 8)).allSatisfy(r -> assertThat(r.repeated()).isFalse());
            assertThat(fixture.simulator.store().projects()).extracting(SimProject::name)
                    .containsOnlyOnce("same-shop", "other-shop-0", "other-shop-1", "other-shop-2", "other-shop-3");
            assertThat(fixture.simulator.store().clients()).filteredOn(c -> c.name().equals("same read")).hasSize(1);
            assertThat(fixture.simulator.store().references()).filteredOn(r -> r.projectId().equals("same-shop")).hasSize(1);
            List<Long> creates = fixture.simulator.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("/manage/projects"))
                    .map(RecordedRequest::nanoTime).sorted().toList();
            long closest = Long.MAX_VALUE;
            for (int i = 1; i < creates.size(); i++) {
                closest = Math.min(closest, creates.get(i) - creates.get(i - 1));
            }
            assertThat(Duration.ofNanos(closest)).as("a project create was sent while another one's 100 ms answer was pending")
                    .isLessThan(Duration.ofMillis(100));
        }
    }
}
