package dev.openpanel.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.error.InvalidRequestException;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.TestApis;

/** Every operation of every resource through {@code openpanel:} endpoints, against the simulator over HTTP. */
class OpenPanelComponentTest {

    private static ManageApiSimulator simulator;
    private static DefaultCamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start();
        context = TestApis.context(TestApis.component(simulator, 1000, Duration.ofSeconds(1)), c -> { });
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        context.stop();
        simulator.close();
    }

    @BeforeEach
    void clearLog() {
        simulator.clearRequests();
    }

    @Test
    void projectsCanBeCreatedListedReadUpdatedAndDeleted() {
        ProjectRequest request = ProjectRequest.builder().name("Component Shop").domain("https://shop.example")
                .cors(List.of("https://shop.example")).crossDomain(true).types(List.of(ProjectType.WEBSITE, ProjectType.APP)).build();
        CreatedProject created = template.requestBody("openpanel:projects?operation=create", request, CreatedProject.class);
        Project project = created.project();
        assertThat(project.id()).isEqualTo("component-shop");
        assertThat(project.types()).containsExactly(ProjectType.WEBSITE, ProjectType.APP);
        assertThat(project.cors()).containsExactly("https://shop.example");
        assertThat(project.crossDomain()).isTrue();
        assertThat(project.organizationId()).isEqualTo(SimulatorStore.DEFAULT_ORGANIZATION);
        assertThat(project.createdAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.firstClient().clientId()).isNotBlank();
        assertThat(created.firstClient().secret().reveal()).matches("sec_[0-9a-f]{20}");

        @SuppressWarnings("unchecked")
        List<Project> listed = template.requestBody("openpanel:projects", null, List.class);
        assertThat(listed).extracting(Project::id).contains("component-shop");

        Project read = template.requestBodyAndHeader("openpanel:projects?operation=get", null, OpenPanelConstants.ID,
                "component-shop", Project.class);
        assertThat(read).isEqualTo(project);

        Project updated = template.requestBodyAndHeader("openpanel:projects?operation=update",
                ProjectRequest.builder().domain("https://new.example").build(), OpenPanelConstants.ID, "component-shop", Project.class);
        assertThat(updated.domain()).isEqualTo("https://new.example");
        assertThat(updated.name()).isEqualTo("Component Shop");

        Object deleted = template.requestBodyAndHeader("openpanel:projects?operation=delete", null, OpenPanelConstants.ID,
                "component-shop");
        assertThat(deleted).isEqualTo(Boolean.TRUE);
        assertThat(template.requestBody("openpanel:projects?operation=get&id=component-shop", null, Project.class)
                .isPendingDeletion()).isTrue();

        assertThat(simulator.requests()).extracting(RecordedRequest::method).containsExactly("POST", "GET", "GET", "PATCH",
                "DELETE", "GET");
        assertThat(simulator.requests().get(3).body()).isEqualTo("{\"domain\":\"https://new.example\"}");
    }

    @Test
    void clientsCanBeCreatedListedByProjectReadRenamedAndDeleted() {
        String projectId = TestApis.api(context).projects().create(ProjectRequest.builder().name("Client Home").build())
                .project().id();
        CreatedClient created = template.requestBody("openpanel:clients?operation=create",
                ClientRequest.of("exporter", projectId, ClientType.READ), CreatedClient.class);
        assertThat(created.client().type()).isEqualTo(ClientType.READ);
        assertThat(created.client().projectId()).isEqualTo(projectId);
        assertThat(created.secret().reveal()).matches("sec_[0-9a-f]{20}");

        @SuppressWarnings("unchecked")
        List<Client> ofProject = template.requestBody("openpanel:clients?operation=list&projectId=" + projectId, null, List.class);
        assertThat(ofProject).extracting(Client::name).containsExactlyInAnyOrder("exporter", "First client");
        assertThat(simulator.requests()).last().extracting(RecordedRequest::query).isEqualTo("projectId=" + projectId);

        String id = created.client().id();
        assertThat(template.requestBodyAndHeader("openpanel:clients?operation=get", null, OpenPanelConstants.ID, id, Client.class)
                .name()).isEqualTo("exporter");
        Client renamed = template.requestBodyAndHeader("openpanel:clients?operation=update", Map.of("name", "exporter 2"),
                OpenPanelConstants.ID, id, Client.class);
        assertThat(renamed.name()).isEqualTo("exporter 2");
        template.requestBodyAndHeader("openpanel:clients?operation=delete", null, OpenPanelConstants.ID, id);
        assertThat(simulator.store().clients()).noneMatch(c -> c.id().equals(id));
    }

    @Test
    void referencesMapDatetimeInAndDateOutAndAcceptABareDateFromAMap() {
        String projectId = TestApis.api(context).projects().create(ProjectRequest.builder().name("Timeline").build())
                .project().id();
        Reference created = template.requestBody("openpanel:references?operation=create",
                Map.of("projectId", projectId, "title", "Deploy v1", "datetime", "2026-11-22"), Reference.class);
        assertThat(created.date()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(created.title()).isEqualTo("Deploy v1");
        assertThat(simulator.requests()).last().extracting(RecordedRequest::body).asString()
                .contains("\"datetime\":\"2026-11-22T00:00:00Z\"").doesNotContain("\"date\"");

        Reference updated = template.requestBodyAndHeader("openpanel:references?operation=update",
                "{\"description\":\"commit abc123\",\"datetime\":\"2026-11-22T12:00:00+02:00\"}", OpenPanelConstants.ID,
                created.id(), Reference.class);
        assertThat(updated.description()).isEqualTo("commit abc123");
        assertThat(updated.date()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));

        @SuppressWarnings("unchecked")
        List<Reference> listed = template.requestBodyAndHeader("openpanel:references", null, OpenPanelConstants.PROJECT_ID,
                projectId, List.class);
        assertThat(listed).extracting(Reference::id).containsExactly(created.id());
        assertThat(template.requestBody("openpanel:references?operation=get&id=" + created.id(), null, Reference.class).projectId())
                .isEqualTo(projectId);
        template.requestBody("openpanel:references?operation=delete&id=" + created.id(), (Object) null);
        assertThat(simulator.store().references()).noneMatch(r -> r.id().equals(created.id()));
    }

    @Test
    void theOperationHeaderOverridesTheEndpointAndCreateSetsTheIdHeader() {
        org.apache.camel.Exchange exchange = template.request("openpanel:projects?operation=list", e -> {
            e.getIn().setHeader(OpenPanelConstants.OPERATION, "create");
            e.getIn().setBody("{\"name\":\"Header Made\",\"types\":[\"backend\"]}");
        });
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isInstanceOf(CreatedProject.class);
        assertThat(exchange.getMessage().getHeader(OpenPanelConstants.ID)).isEqualTo("header-made");
    }

    @Test
    void aMisspeltFieldOrMissingIdIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=create", Map.of("nmae", "typo")))
                .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unknown field 'nmae'").hasMessageContaining("name");
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=create", Map.of("name", "x", "types",
                List.of("webiste")))).cause().isInstanceOf(InvalidRequestException.class).hasMessageContaining("types");
        assertThatThrownBy(() -> template.requestBody("openpanel:references?operation=create",
                Map.of("projectId", "p", "title", "t", "datetime", "yesterday"))).cause()
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'yesterday' is not an ISO-8601 date-time");
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=delete", (Object) null)).cause()
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("needs an id");
        assertThatThrownBy(() -> template.requestBody("openpanel:clients?operation=get&id=not-a-uuid", (Object) null)).cause()
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not a UUID");
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=get&id=a/b", (Object) null)).cause()
                .isInstanceOf(InvalidRequestException.class);
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void anUnknownResourceOrOperationIsAClearEndpointError() {
        assertThatThrownBy(() -> template.requestBody("openpanel:dashboards", (Object) null))
                .hasStackTraceContaining("unknown OpenPanel resource 'dashboards': expected one of projects, clients, references");
        assertThatThrownBy(() -> template.requestBodyAndHeader("openpanel:projects", null, OpenPanelConstants.OPERATION, "upsert"))
                .cause().hasMessageContaining("unknown OpenPanel operation 'upsert'");
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=get&id=nothing-here", (Object) null)).cause()
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Project not found");
    }
}
