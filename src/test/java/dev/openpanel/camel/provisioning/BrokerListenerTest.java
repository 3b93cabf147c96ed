package dev.openpanel.camel.provisioning;

import static dev.openpanel.camel.provisioning.ProvisioningFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.testing.TestMains;

/**
 * The embedded broker's optional TCP listener: a pipeline outside the service reads its result (with the secrets) as
 * the configured user; anyone else is refused; and the listener cannot be opened without credentials.
 */
class BrokerListenerTest {

    @TempDir
    Path temp;

    @Test
    void aProgramOutsideTheServiceReadsResultsAsTheConfiguredUserAndNobodyElseCan() throws Exception {
        int brokerPort = TestMains.freePort();
        try (ProvisioningFixture fixture = new ProvisioningFixture(temp, Map.of(
                "openpanel.provisioning.embedded-broker.port", String.valueOf(brokerPort),
                "openpanel.provisioning.embedded-broker.user", "pipeline",
                "openpanel.provisioning.embedded-broker.password", "broker-pass-123"))) {
            assertThat(fixture.post(event("tcp-1", "tcp-shop", "https://tcp.example", "Deploy", "tcp reader")).status()).isEqualTo(202);

            String url = "tcp://127.0.0.1:" + brokerPort;
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, "pipeline", "broker-pass-123");
                    Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage result = (TextMessage) session.createConsumer(session.createQueue("deployments.results"),
                        "JMSCorrelationID = 'tcp-1'").receive(20_000);
                assertThat(result).isNotNull();
                assertThat(result.getJMSCorrelationID()).isEqualTo("tcp-1");
                assertThat(new ObjectMapper().readTree(result.getText()).get("clients").get(0).get("secret").asText()).startsWith("sec_");
            }
            try (ActiveMQConnectionFactory wrong = new ActiveMQConnectionFactory(url, "pipeline", "guess")) {
                assertThatThrownBy(wrong::createConnection).isInstanceOf(JMSSecurityException.class);
            }
            try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(url)) {
                assertThatThrownBy(anonymous::createConnection).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    @Test
    void aListenerWithoutCredentialsStopsStartUpWithOneSentence() {
        assertThatThrownBy(() -> ProvisioningSettings.load(Map.of("openpanel.provisioning.embedded-broker.port", "61616")::get))
                .hasMessage("openpanel.provisioning.embedded-broker.port is set, so openpanel.provisioning.embedded-broker.user "
                        + "(OPENPANEL_EMBEDDED_BROKER_USER) and openpanel.provisioning.embedded-broker.password "
                        + "(OPENPANEL_EMBEDDED_BROKER_PASSWORD) must be set too: result messages carry client secrets, and only "
                        + "that user may read them.");
    }
}
