package dev.openpanel.camel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.testing.LogCapture;
import dev.openpanel.camel.testing.TestApis;

/**
 * With every logger at TRACE (HttpClient's wire log included), a session that creates and reads clients, fails
 * authentication, loses an answer and logs message bodies leaves no secret, plain or hashed, in the log.
 */
class NoSecretInLogsTest {

    private static org.apache.camel.component.jackson.JacksonDataFormat discoveringJackson() {
        org.apache.camel.component.jackson.JacksonDataFormat json = new org.apache.camel.component.jackson.JacksonDataFormat();
        json.setAutoDiscoverObjectMapper(true);
        return json;
    }

    @Test
    void noSecretOfTheRootClientOrOfCreatedClientsReachesAnyLogLine() throws Exception {
        List<String> secrets = new ArrayList<>();
        String log;
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start();
                LogCapture capture = LogCapture.at(Level.TRACE)) {
            secrets.add(simulator.rootClient().secret());
            DefaultCamelContext context = TestApis.context(TestApis.component(simulator, 1000, Duration.ofSeconds(1)),
                    c -> c.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:create-client").routeId("create-client")
                                    .to("openpanel:clients?operation=create")
                                    .log("created ${body} with headers ${headers}")
                                    .marshal(discoveringJackson());
                        }
                    }));
            try {
                ProducerTemplate template = context.createProducerTemplate();
                ManageApi api = TestApis.api(context);
                CreatedProject project = api.projects().create(ProjectRequest.builder().name("Secretive").build());
                secrets.add(project.firstClient().secret().reveal());
                LoggerFactory.getLogger("test").info("created {}", project);

                CreatedClient client = template.requestBody("openpanel:clients?operation=create",
                        ClientRequest.of("reader", project.project().id(), ClientType.READ), CreatedClient.class);
                secrets.add(client.secret().reveal());
                String marshalled = template.requestBody("direct:create-client",
                        ClientRequest.of("writer", project.project().id(), ClientType.WRITE), String.class);
                LoggerFactory.getLogger("test").info("marshalled {}", marshalled);

                api.clients().list();
                api.clients().get(client.client().id());
                simulator.behavior().failNext(Fault.dropAfterHandling().on("POST", "/manage/clients"));
                try {
                    api.clients().create(ClientRequest.of("lost", project.project().id(), ClientType.WRITE));
                } catch (OpenPanelApiException e) {
                    LoggerFactory.getLogger("test").warn("create failed", e);
                }

                String oddSecret = "hunter2-not-the-usual-shape";
                secrets.add(oddSecret);
                OpenPanelComponent wrong = TestApis.component(simulator, 1000, Duration.ofSeconds(1));
                wrong.setClientSecret(oddSecret);
                DefaultCamelContext refused = TestApis.context(wrong, c -> { });
                try {
                    TestApis.api(refused).projects().list();
                } catch (OpenPanelApiException e) {
                    LoggerFactory.getLogger("test").error("refused", e);
                } finally {
                    refused.stop();
                }
            } finally {
                context.stop();
            }
            simulator.store().clients().stream().map(SimClient::secretHash).forEach(secrets::add);
            log = capture.text();
        }

        assertThat(log).as("the capture saw the API calls and HttpClient's header log")
                .contains("POST /manage/clients -> 200").contains("openpanel-client-secret").contains("created CreatedClient[");
        assertThat(secrets).hasSizeGreaterThan(6);
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
        assertThat(log).doesNotContainPattern("sec_[0-9a-f]{20}").contains(SecretMasker.MASK);
    }
}
