package dev.openpanel.camel.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** Readiness and Prometheus metrics on the service's HTTP port, scraped over HTTP. */
class ObservabilityTest {

    @TempDir
    Path data;

    @Test
    void readinessIsDownWhileTheApiRefusesTheCredentialsAndUpWithGoodOnes() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            int port = TestMains.freePort();
            Main refused = TestMains.start(properties(simulator, "sec_00000000000000000000", port));
            try {
                RawHttp http = new RawHttp("http://127.0.0.1:" + port, null, null);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    RawHttp.Answer ready = http.get("/observe/health/ready");
                    assertThat(ready.status()).isEqualTo(503);
                    com.fasterxml.jackson.databind.JsonNode check = null;
                    for (com.fasterxml.jackson.databind.JsonNode c : ready.json().get("checks")) {
                        if (c.get("name").asText().equals("openpanel-api")) {
                            check = c;
                        }
                    }
                    assertThat(check).as(ready.body()).isNotNull();
                    assertThat(check.get("status").asText()).isEqualTo("DOWN");
                    assertThat(check.get("message").asText()).isEqualTo(
                            "projects list answered 401: the API refuses the configured credentials");
                });
                assertThat(http.get("/observe/health/live").status()).isEqualTo(200);
            } finally {
                refused.stop();
            }
            int goodPort = TestMains.freePort();
            Main accepted = TestMains.start(properties(simulator, simulator.rootClient().secret(), goodPort));
            try {
                RawHttp http = new RawHttp("http://127.0.0.1:" + goodPort, null, null);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/observe/health/ready").status()).isEqualTo(200));
            } finally {
                accepted.stop();
            }
        }
    }

    @Test
    void theMetricsEndpointCountsCallsByResourceOperationAndStatusAnd429sAndRetries() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start()) {
            int port = TestMains.freePort();
            Map<String, String> properties = properties(simulator, simulator.rootClient().secret(), port);
            properties.put("openpanel.rate-limit.reserve", "5");
            Main main = TestMains.start(properties);
            try {
                var api = OpenPanelConfiguration.manageApi(main.getCamelContext());
                await().atMost(Duration.ofSeconds(10)).until(() -> simulator.requests().size() >= 1);
                int probes = simulator.requests().size();
                api.projects().list();
                api.projects().list();
                simulator.spendBudget(simulator.rootClient().id(), 50);
                api.clients().list();

                String metrics = new RawHttp("http://127.0.0.1:" + port, null, null).get("/observe/metrics").body();
                assertThat(value(metrics, "openpanel_api_calls_total", "operation=\"list\",resource=\"projects\",status=\"200\""))
                        .isEqualTo(2.0 + probes);
                assertThat(value(metrics, "openpanel_api_calls_total", "operation=\"list\",resource=\"clients\",status=\"429\""))
                        .isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_api_calls_total", "operation=\"list\",resource=\"clients\",status=\"200\""))
                        .isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_api_rate_limited_total", "")).isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_api_retries_total", "reason=\"429\"")).isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_limiter_wait_seconds_count", "")).isEqualTo(4.0 + probes);
                assertThat(value(metrics, "openpanel_api_budget_remaining", "")).isEqualTo(49.0);
                assertThat(value(metrics, "openpanel_rate_limit_429_total", "cause=\"others\"")).as("the budget spent by another tool")
                        .isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_rate_limit_429_total", "cause=\"jitter\"")).isZero();
                assertThat(value(metrics, "openpanel_rate_limit_reserve", "")).isEqualTo(5.0);
                assertThat(value(metrics, "openpanel_rate_limit_budget", "")).isEqualTo(45.0);
                assertThat(value(metrics, "openpanel_rate_limit_own_requests", "")).isGreaterThanOrEqualTo(1.0);
                assertThat(value(metrics, "openpanel_rate_limit_foreign_requests_estimated", "")).isGreaterThanOrEqualTo(0.0);
                assertThat(value(metrics, "openpanel_rate_limit_waiting", "priority=\"bulk\"")).isZero();
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void afterAnImportAndAnEventTheMetricsShowTheirCalls429sRowsAndEvents() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(4)).start()) {
            int port = TestMains.freePort();
            Map<String, String> properties = properties(simulator, simulator.rootClient().secret(), port);
            properties.put("openpanel.health.probe-interval", "1h");
            properties.put("openpanel.rate-limit.period", "4s");
            properties.put("openpanel.import.read-lock-check-interval", "100");
            properties.put("openpanel.intake.token", "metrics-token");
            Main main = TestMains.start(properties);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> simulator.requests().size() >= 1);
                simulator.spendBudget(simulator.rootClient().id(), 50);
                Path inbox = data.resolve("inbox/projects");
                Files.writeString(inbox.resolve(".metrics.csv.part"), "name,domain\nMetrics One,\nMetrics Two,\nMetrics Bad,nope\n");
                Files.move(inbox.resolve(".metrics.csv.part"), inbox.resolve("metrics.csv"));
                Files.writeString(inbox.resolve("notes.txt"), "not a CSV file");
                Files.writeString(inbox.resolve(".wrong.csv.part"), "title,datetime\nDeploy,2026-11-30T10:00:00Z\n");
                Files.move(inbox.resolve(".wrong.csv.part"), inbox.resolve("wrong.csv"));
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".done/metrics.csv"))
                        && Files.exists(inbox.resolve(".failed/notes.txt")) && Files.exists(inbox.resolve(".failed/wrong.csv")));
                RawHttp anonymous = new RawHttp("http://127.0.0.1:" + port, null, null);
                RawHttp intake = RawHttp.bearer("http://127.0.0.1:" + port, "metrics-token");
                assertThat(anonymous.post("/events/deployment", "{}").status()).isEqualTo(401);
                assertThat(intake.post("/events/deployment", "{\"eventId\":\"no project\"}").status()).isEqualTo(400);
                assertThat(intake.post("/events/deployment", "{\"eventId\":\"x\",\"project\":").status()).isEqualTo(400);
                main.getCamelContext().createProducerTemplate().sendBody("jms:queue:deployments.dlq", "{\"eventId\":\"dead\"}");
                main.getCamelContext().createProducerTemplate().requestBody("direct:provision-event",
                        "{\"eventId\":\"metrics-1\",\"project\":{\"name\":\"Metrics One\"}}");

                String metrics = new RawHttp("http://127.0.0.1:" + port, null, null).get("/observe/metrics").body();
                assertThat(value(metrics, "openpanel_api_calls_total", "operation=\"list\",resource=\"projects\",status=\"429\""))
                        .as("the import's list call waited out one 429").isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_api_calls_total", "operation=\"create\",resource=\"projects\",status=\"200\""))
                        .isEqualTo(2.0);
                assertThat(value(metrics, "openpanel_api_rate_limited_total", "")).isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_import_rows_total", "kind=\"projects\",status=\"created\"")).isEqualTo(2.0);
                assertThat(value(metrics, "openpanel_import_rows_total", "kind=\"projects\",status=\"failed\"")).isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_provisioning_events_total", "outcome=\"unchanged\""))
                        .as("the event found its project as it should be").isEqualTo(1.0);
                assertThat(value(metrics, "camel_exchanges_total", "routeId=\"import-file\""))
                        .as("Camel's route metrics count the files' exchanges (one per file the filter let through)").isEqualTo(2.0);
                assertThat(value(metrics, "openpanel_import_files_rejected_total", "kind=\"projects\",reason=\"refused\""))
                        .as("notes.txt").isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_import_files_rejected_total", "kind=\"projects\",reason=\"unreadable\""))
                        .as("a references header in the projects inbox").isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_intake_refused_total", "status=\"401\"")).isEqualTo(1.0);
                assertThat(value(metrics, "openpanel_intake_refused_total", "status=\"400\"")).isEqualTo(2.0);
                assertThat(value(metrics, "openpanel_queue_depth", "queue=\"deployments\"")).as("nothing waits").isZero();
                assertThat(value(metrics, "openpanel_queue_depth", "queue=\"deployments.dlq\"")).isEqualTo(1.0);
                assertThat(metrics).as("no route metrics for the routes of one exchange per row")
                        .doesNotContain("routeId=\"import-row\"").doesNotContain("routeId=\"import-call\"");
            } finally {
                main.stop();
            }
        }
    }

    private Map<String, String> properties(ManageApiSimulator simulator, String secret, int port) {
        Map<String, String> properties = new HashMap<>();
        properties.put("openpanel.api-url", simulator.url());
        properties.put("openpanel.client-id", simulator.rootClient().id());
        properties.put("openpanel.client-secret", secret);
        properties.put("openpanel.rate-limit.requests", "50");
        properties.put("openpanel.rate-limit.period", "1s");
        properties.put("openpanel.retry.max-retries", "0");
        properties.put("openpanel.health.probe-interval", "500ms");
        properties.put("openpanel.data-dir", data.toString());
        properties.put("openpanel.http.port", String.valueOf(port));
        return properties;
    }

    /** The value of a Prometheus sample whose labels contain the given text. */
    private static double value(String metrics, String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        while (matcher.find()) {
            if (labels.isEmpty() || matcher.group(1) != null && matcher.group(1).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + labels + " in:\n" + metrics.lines()
                .filter(l -> l.startsWith(name.substring(0, name.indexOf('_')))).reduce("", (a, b) -> a + b + "\n"));
    }
}
