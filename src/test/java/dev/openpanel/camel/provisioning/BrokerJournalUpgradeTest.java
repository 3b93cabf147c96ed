package dev.openpanel.camel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.config.DataDirectory;

/**
 * An event left on the queue in the broker journal of an earlier version ({@code state/broker/}, one for every API) is
 * not lost when the journal moves to the API's own folder: the upgraded service moves it and provisions the event.
 */
class BrokerJournalUpgradeTest {

    @TempDir
    Path temp;

    @Test
    void anEventQueuedInTheJournalOfAnEarlierVersionIsProvisionedAfterTheUpgrade() throws Exception {
        Path legacy = temp.resolve("data/state/broker");
        EmbeddedBroker earlier = new EmbeddedBroker(legacy);
        earlier.start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(earlier.url());
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage event = session.createTextMessage("{\"eventId\":\"upgrade-1\",\"project\":{\"name\":\"upgrade-shop\"}}");
            event.setStringProperty(Provisioning.EVENT_ID, "upgrade-1");
            session.createProducer(session.createQueue("deployments")).send(event);
        } finally {
            earlier.stop();
        }

        try (ProvisioningFixture fixture = new ProvisioningFixture(temp, Map.of())) {
            JsonNode result = fixture.result("upgrade-1", Duration.ofSeconds(30));
            assertThat(result.at("/project/status").asText()).isEqualTo("created");
            assertThat(fixture.simulator.store().projects()).extracting(p -> p.name()).contains("upgrade-shop");
            assertThat(legacy).as("the journal moved").doesNotExist();
            assertThat(new DataDirectory(fixture.data).apiState(fixture.simulator.url()).resolve("broker/journal"))
                    .as("to the API's own folder").isDirectory();
            assertThat(Files.exists(fixture.data.resolve("state/openpanel-camel.lock"))).isTrue();
        }
    }
}
