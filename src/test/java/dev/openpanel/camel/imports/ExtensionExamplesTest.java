package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.cleanup.CleanupReport;
import dev.openpanel.camel.cleanup.CleanupRuns;
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
            List<JsonNode> byRow = new ArrayList<>();
            for (String body : rows.received()) {
                byRow.add(JSON.readTree(body));
            }
            byRow.sort(Comparator.comparingInt(row -> row.get("row").asInt()));
            assertThat(byRow).extracting(row -> row.get("row").asInt()).containsExactly(1, 2, 3);
            assertThat(byRow.get(0).get("status").asText()).isEqualTo("created");
            assertThat(byRow.get(0).get("name").asText()).isEqualTo("Hook One");
            assertThat(byRow).extracting(row -> row.get("status").asText()).containsExactly("created", "failed", "created");
            assertThat(byRow.get(1).get("message").asText()).contains("is not an absolute URL");
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

    @Test
    void afterEachCleanupRunAMessageListsWhatWasDeleted() throws Exception {
        Path rules = temp.resolve("cleanup.yaml");
        Files.writeString(rules, "rules:\n  - name: previews\n    resource: projects\n    where: { name: \"^preview-\" }\n");
        try (WebhookReceiver chat = WebhookReceiver.start();
                ImportFixture app = ImportFixture.start(temp.resolve("data"), Map.of(
                        "camel.main.routes-include-pattern",
                        "file:routes/*.camel.yaml,file:examples/extensions/cleanup-report-message.camel.yaml",
                        "example.chat-url", chat.url(),
                        "openpanel.cleanup.rules", rules.toString()))) {
            String preview = app.simulator.store().addProject("sandbox-org", "preview-42", Instant.now());
            app.simulator.store().addProject("sandbox-org", "production", Instant.now());
            ProducerTemplate template = app.main.getCamelContext().createProducerTemplate();

            template.requestBodyAndHeader("direct:cleanup-run", null, CleanupRuns.APPLY, false);
            CleanupReport applied = template.requestBodyAndHeader("direct:cleanup-run", null, CleanupRuns.APPLY, true,
                    CleanupReport.class);

            await().atMost(Duration.ofSeconds(10)).until(() -> chat.received().size() == 2);
            assertThat(chat.received()).contains("cleanup " + applied.runId() + " (apply): 1 deleted: project " + preview
                    + " ('preview-42')");
            assertThat(chat.received()).anySatisfy(text -> assertThat(text).endsWith("(dry-run): nothing deleted"));
        }
    }

    @Test
    void aSubscriberWhoseTargetIsDownHoldsNoJournalOfTheJobItListensTo() throws Exception {
        Path route = temp.resolve("results-to-down-hook.camel.yaml");
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            hook.down(true);
            Files.writeString(route, """
                    - route:
                        id: results-to-down-hook
                        routeConfigurationId: openpanel-extension
                        from:
                          uri: seda:openpanel-provisioning-result
                          parameters:
                            multipleConsumers: true
                          steps:
                            - setBody:
                                simple: "${body.describe()}"
                            - to:
                                uri: "%s"
                    """.formatted(hook.url()));
            try (ImportFixture app = ImportFixture.start(temp.resolve("data"), Map.of(
                    "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + route))) {
                ProducerTemplate template = app.main.getCamelContext().createProducerTemplate();
                String event = "{\"eventId\":\"held-1\",\"project\":{\"name\":\"held-shop\"}}";
                template.requestBody("direct:provision-event", event);
                await().atMost(Duration.ofSeconds(10)).until(() -> hook.refused() >= 1);

                Object again = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> template.requestBody("direct:provision-event", event));
                assertThat(again.toString()).contains("provisioned before");
                hook.down(false);
                await().atMost(Duration.ofSeconds(10)).until(() -> hook.received().size() == 2);
            }
        }
    }
}
