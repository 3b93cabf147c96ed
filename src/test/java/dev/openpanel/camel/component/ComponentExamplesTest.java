package dev.openpanel.camel.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.testing.LogCapture;
import dev.openpanel.camel.testing.TestMains;

/** The README's component examples (examples/openpanel-component.camel.yaml) work as written, in the real Main. */
class ComponentExamplesTest {

    @TempDir
    Path data;

    @Test
    void everyExampleRouteDoesWhatTheReadmeSays() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(100, Duration.ofSeconds(1)).start();
                LogCapture log = LogCapture.at(Level.INFO)) {
            Main main = TestMains.start(Map.of(
                    "openpanel.api-url", simulator.url(),
                    "openpanel.client-id", simulator.rootClient().id(),
                    "openpanel.client-secret", simulator.rootClient().secret(),
                    "openpanel.rate-limit.requests", "100",
                    "openpanel.rate-limit.period", "1s",
                    "openpanel.data-dir", data.toString(),
                    "camel.main.routes-include-pattern", "file:examples/openpanel-component.camel.yaml"));
            try {
                ProducerTemplate template = main.getCamelContext().createProducerTemplate();

                CreatedProject created = template.requestBody("direct:example-create-project",
                        "{\"name\": \"shop-eu\", \"domain\": \"https://shop.example.eu\", \"types\": [\"website\"]}",
                        CreatedProject.class);
                assertThat(created.project().id()).isEqualTo("shop-eu");
                assertThat(log.text()).contains("created project shop-eu; first client " + created.firstClient().clientId()
                        + ", secret [secret]");

                assertThat(template.requestBody("direct:example-list-projects", null, List.class)).hasSize(1);
                assertThat(log.text()).contains("OpenPanel has 1 projects");

                template.requestBodyAndHeaders("direct:example-rename-client", null,
                        Map.of(OpenPanelConstants.ID, created.firstClient().clientId(), "newName", "shop-eu tracking"));
                assertThat(simulator.store().clients()).extracting(SimClient::name).contains("shop-eu tracking");

                @SuppressWarnings("unchecked")
                List<Reference> references = template.requestBodyAndHeaders("direct:example-mark-deployment", null,
                        Map.of("projectId", "shop-eu", "version", "v1.4.2"), List.class);
                assertThat(references).singleElement().satisfies(r -> {
                    assertThat(r.title()).isEqualTo("Deploy v1.4.2");
                    assertThat(r.date()).isEqualTo(LocalDate.now(ZoneOffset.systemDefault()).atStartOfDay(ZoneOffset.UTC).toInstant());
                });

                template.requestBody("direct:example-delete-reference", references.get(0).id());
                assertThat(simulator.store().references()).isEmpty();

                simulator.clearRequests();
                String desired = "{\"name\": \"shop-eu\", \"domain\": \"https://shop.example.eu\"}";
                template.requestBody("direct:example-ensure-project", desired);
                assertThat(log.text()).contains("project shop-eu unchanged");
                template.requestBody("direct:example-ensure-project", "{\"name\": \"shop-eu\", \"domain\": \"https://eu.shop.example\"}");
                assertThat(log.text()).contains("project shop-eu updated");
                template.requestBody("direct:example-ensure-project", "{\"name\": \"shop-us\"}");
                assertThat(log.text()).contains("project shop-us created");
                assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                        "GET /manage/projects", "GET /manage/projects", "PATCH /manage/projects/shop-eu",
                        "GET /manage/projects", "POST /manage/projects");

                String clientId = created.firstClient().clientId();
                template.requestBody("direct:example-delete-client-if-present", clientId);
                assertThat(log.text()).contains("client " + clientId + ": deleted");
                template.requestBody("direct:example-delete-client-if-present", clientId);
                assertThat(log.text()).contains("client " + clientId + ": already-gone");
            } finally {
                main.stop();
            }
        }
    }
}
