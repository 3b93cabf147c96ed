package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.testing.WebhookReceiver;

/**
 * The extension examples of routes/README.md, loaded as a user would (a file beside the shipped routes), against the
 * real jobs: what the receiving endpoint got, including while it was down.
 */
class ExtensionExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void everyRowsResultIsPostedAsJsonToTheEndpoint() throws Exception {
        try (WebhookReceiver rows = WebhookReceiver.start();
                ImportFixture app = ImportFixture.start(temp.resolve("data"), Map.of(
                        "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:examples/extensions/rows-to-http.camel.yaml",
                        "example.rows-url", rows.url()))) {
            app.drop("projects", "hooked.csv", "name,domain\nHook One,https://one.example\nHook Two,not a url\nHook Three,\n");
            app.awaitLeft("projects", "hooked.csv");

            await().atMost(Duration.ofSeconds(10)).until(() -> rows.received().size() == 3);
            JsonNode first = JSON.readTree(rows.received().get(0));
            assertThat(first.get("row").asInt()).isEqualTo(1);
            assertThat(first.get("status").asText()).isEqualTo("created");
            assertThat(first.get("name").asText()).isEqualTo("Hook One");
            assertThat(rows.received()).extracting(body -> JSON.readTree(body).get("status").asText())
                    .containsExactly("created", "failed", "created");
        }
    }

    @Test
    void failedRowsAndDeadLetteredEventsReachTheWebhookOnceItIsBackAndTheJobsNeverWaitForIt() throws Exception {
        try (WebhookReceiver webhook = WebhookReceiver.start();
                ImportFixture app = ImportFixture.start(temp.resolve("data"), Map.of(
                        "camel.main.routes-include-pattern",
                        "file:routes/*.camel.yaml,file:examples/extensions/failures-to-webhook.camel.yaml",
                        "example.webhook-url", webhook.url(),
                        "openpanel.extensions.retry-delay", "100",
                        "openpanel.extensions.max-retry-delay", "200"))) {
            webhook.down(true);
            app.drop("projects", "mixed.csv", "name,domain\nGood One,https://good.example\nBad One,not a url\n");
            Path done = app.awaitLeft("projects", "mixed.csv");
            assertThat(done.getParent().getFileName().toString()).as("the import finished while the webhook was down")
                    .isEqualTo(".done");
            ProducerTemplate template = app.main.getCamelContext().createProducerTemplate();
            template.sendBody("jms:queue:deployments", "{\"eventId\": \"broken-1\", \"project\": {}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> webhook.refused() >= 4);
            assertThat(webhook.received()).isEmpty();

            webhook.down(false);

            await().atMost(Duration.ofSeconds(10)).until(() -> webhook.received().size() == 2);
            assertThat(webhook.received()).anySatisfy(text -> assertThat(text)
                    .startsWith("import row 2 ('Bad One') failed: domain 'not a url' is not an absolute URL"));
            assertThat(webhook.received()).anySatisfy(text -> assertThat(text)
                    .startsWith("deployment event broken-1 dead-lettered: ").contains("project.name"));
            assertThat(app.results("mixed")).contains("1,upsert,created,project,good-one,Good One,");
        }
    }
}
