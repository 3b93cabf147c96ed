package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.RawHttp;
import dev.openpanel.camel.testing.TestMains;

/** The service in the test JVM against a simulator, with the embedded broker, the intake and fast retries. */
final class ProvisioningFixture implements AutoCloseable {

    static final String TOKEN = "provisioning-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    final ManageApiSimulator simulator;
    final Main main;
    final ConsumerTemplate consumer;
    final Path data;
    final int port;

    ProvisioningFixture(Path temp, Map<String, String> extra) {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        data = temp.resolve("data");
        port = TestMains.freePort();
        Map<String, String> properties = TestMains.simulatorProperties(simulator, data);
        properties.put("openpanel.intake.token", TOKEN);
        properties.put("openpanel.http.port", String.valueOf(port));
        properties.put("openpanel.provisioning.retry-delay", "100");
        properties.put("openpanel.provisioning.max-retry-delay", "400");
        properties.put("openpanel.cleanup.cron", "0 0 3 1 1 ? 2099");
        properties.putAll(extra);
        main = TestMains.start(properties);
        consumer = main.getCamelContext().createConsumerTemplate();
    }

    RawHttp intake(String token) {
        return RawHttp.bearer("http://127.0.0.1:" + port, token);
    }

    RawHttp.Answer post(String event) {
        return intake(TOKEN).post("/events/deployment", event);
    }

    /** The next message on a queue of the embedded broker, or null after the timeout. */
    Exchange receive(String uri, Duration timeout) {
        return consumer.receive(uri, timeout.toMillis());
    }

    /** The next result message for the event id (others are skipped), or fails after the timeout. */
    JsonNode result(String eventId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Exchange message = receive("jms:queue:deployments.results", Duration.ofMillis(500));
            if (message != null) {
                JsonNode result = JSON.readTree(message.getIn().getBody(String.class));
                if (result.get("eventId").asText().equals(eventId)) {
                    return result;
                }
            }
        }
        throw new AssertionError("no result for " + eventId + " within " + timeout);
    }

    static String event(String eventId, String project, String domain, String referenceTitle, String... readClients) {
        StringBuilder clients = new StringBuilder();
        for (String client : readClients) {
            clients.append(clients.length() == 0 ? "" : ",").append("{\"name\":\"").append(client).append("\",\"type\":\"read\"}");
        }
        return "{\"eventId\":\"" + eventId + "\",\"project\":{\"name\":\"" + project + "\",\"domain\":\"" + domain
                + "\",\"cors\":[\"" + domain + "\"],\"types\":[\"website\"]},\"clients\":[" + clients + "],"
                + "\"reference\":{\"title\":\"" + referenceTitle + "\",\"description\":\"commit abc123\","
                + "\"datetime\":\"2026-11-22T10:00:00Z\"}}";
    }

    @Override
    public void close() {
        main.stop();
        simulator.close();
    }
}
