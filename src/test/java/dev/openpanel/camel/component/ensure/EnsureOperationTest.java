package dev.openpanel.camel.component.ensure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.error.AmbiguousResourceException;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.testing.TestApis;

/** The {@code ensure} operation and the safe writes behind it, through {@code openpanel:} endpoints over real HTTP. */
class EnsureOperationTest {

    private ManageApiSimulator simulator;
    private DefaultCamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start();
        context = TestApis.context(TestApis.component(simulator, 1000, Duration.ofSeconds(1)), c -> c.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Rows share one snapshot: the way an import file's split does.
                from("direct:ensure-all").routeId("ensure-all")
                        .process(e -> e.setProperty(OpenPanelConstants.SNAPSHOT, ResourceSnapshot.of(TestApis.api(c))))
                        .split(body())
                            .to("openpanel:projects?operation=ensure")
                        .end();
                // A user's route with Camel's own redelivery: a lost answer is retried, and the retry must not duplicate.
                from("direct:ensure-retried").routeId("ensure-retried")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(10))
                        .to("openpanel:projects?operation=ensure");
            }
        }));
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        simulator.close();
    }

    @Test
    void ensureCreatesWhatIsAbsentLeavesWhatIsEqualAndPatchesOnlyTheFieldsThatDiffer() {
        ProjectRequest desired = ProjectRequest.builder().name("Ensure Shop").domain("https://shop.example").build();

        Exchange created = ensure("projects", desired);
        assertThat(created.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("created");
        assertThat(created.getMessage().getHeader(OpenPanelConstants.ID)).isEqualTo("ensure-shop");
        CreatedProject answer = created.getMessage().getBody(CreatedProject.class);
        assertThat(answer.firstClient().secret().reveal()).startsWith("sec_");
        assertNoHeaderCarries(created, answer.firstClient().secret().reveal());
        assertThat(calls()).containsExactly("GET /manage/projects", "POST /manage/projects");

        simulator.clearRequests();
        Exchange unchanged = ensure("projects", desired);
        assertThat(unchanged.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("unchanged");
        assertThat(unchanged.getMessage().getBody(Project.class).id()).isEqualTo("ensure-shop");
        assertThat(calls()).containsExactly("GET /manage/projects");

        simulator.clearRequests();
        Exchange updated = ensure("projects", ProjectRequest.builder().name("Ensure Shop").domain("https://new.example").build());
        assertThat(updated.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("updated");
        assertThat(updated.getMessage().getHeader(OpenPanelConstants.CHANGED_FIELDS)).isEqualTo("domain");
        assertThat(calls()).containsExactly("GET /manage/projects", "PATCH /manage/projects/ensure-shop");
        assertThat(simulator.requests().get(1).body()).isEqualTo("{\"domain\":\"https://new.example\"}");
    }

    @Test
    void rowsSharingASnapshotCostOneListCallAndEachWriteKeepsItCurrent() {
        simulator.store().addProject("sandbox-org", "Existing", Instant.now());
        List<ProjectRequest> rows = List.of(
                ProjectRequest.builder().name("Existing").build(),
                ProjectRequest.builder().name("New One").build(),
                ProjectRequest.builder().name("New One").domain("https://one.example").build(),
                ProjectRequest.builder().name("New Two").build());

        template.sendBody("direct:ensure-all", rows);

        assertThat(calls()).containsExactly("GET /manage/projects", "POST /manage/projects", "PATCH /manage/projects/new-one",
                "POST /manage/projects");
    }

    @Test
    void clientsOfAProjectCreatedInTheSameUnitNeedNoListCall() {
        Exchange unit = context.getEndpoint("direct:unit").createExchange();
        unit.getIn().setBody(ProjectRequest.builder().name("Fresh").build());
        template.send("openpanel:projects?operation=ensure", unit);
        unit.getIn().setBody(ClientRequest.of("fresh ci", "fresh", ClientType.READ));
        template.send("openpanel:clients?operation=ensure", unit);

        assertThat(unit.getException()).isNull();
        assertThat(unit.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("created");
        assertThat(unit.getMessage().getBody(CreatedClient.class).client().type()).isEqualTo(ClientType.READ);
        assertThat(calls()).containsExactly("GET /manage/projects", "POST /manage/projects", "POST /manage/clients");
    }

    @Test
    void aNaturalKeyMatchingSeveralResourcesIsAnAmbiguityAndNothingIsSent() {
        simulator.store().addProject("sandbox-org", "Twice", Instant.now());
        simulator.store().addProject("sandbox-org", "Twice", Instant.now());

        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=ensure",
                ProjectRequest.builder().name("Twice").domain("https://x.example").build()))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(AmbiguousResourceException.class)
                .hasMessageContaining("ambiguous: 2 projects match the name 'Twice'");
        assertThat(calls()).containsExactly("GET /manage/projects");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsResolvedByLookupOnRedeliveryInsteadOfBeingSentTwice() {
        simulator.behavior().failNext(Fault.dropAfterHandling().on("POST", "/manage/projects"));

        Exchange result = template.request("direct:ensure-retried", e -> e.getIn().setBody(
                ProjectRequest.builder().name("Lost Answer").build()));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("created");
        assertThat(result.getMessage().getHeader(OpenPanelConstants.RECOVERED)).isEqualTo(true);
        String firstClient = simulator.store().clients().stream()
                .filter(c -> "lost-answer".equals(c.projectId()) && c.name().equals("First client")).findFirst().orElseThrow().id();
        assertThat(result.getMessage().getHeader(OpenPanelConstants.FIRST_CLIENT_ID)).isEqualTo(firstClient);
        assertThat(simulator.received("POST")).isEqualTo(1);
        assertThat(simulator.store().projects()).filteredOn(p -> p.name().equals("Lost Answer")).hasSize(1);
    }

    @Test
    void aJobsDurableIntentsMakeACreateSentBeforeACrashResolveWithoutSendingAgain() {
        simulator.store().addProject("sandbox-org", "Made Before Crash", Instant.now());
        Map<String, Intent> journal = new ConcurrentHashMap<>();
        journal.put("row-7", new Intent(OpenPanelOperation.CREATE, Instant.now().minusSeconds(5)));

        Exchange result = template.request("openpanel:projects?operation=ensure", e -> {
            e.setProperty(OpenPanelConstants.INTENTS, repository(journal));
            e.getIn().setHeader(OpenPanelConstants.INTENT_KEY, "row-7");
            e.getIn().setBody(ProjectRequest.builder().name("Made Before Crash").build());
        });

        assertThat(result.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("created");
        assertThat(result.getMessage().getHeader(OpenPanelConstants.RECOVERED)).isEqualTo(true);
        assertThat(calls()).as("the project, then its first client, whose secret is lost").containsExactly(
                "GET /manage/projects", "GET /manage/clients");

        simulator.clearRequests();
        Exchange fresh = template.request("openpanel:projects?operation=ensure", e -> {
            e.setProperty(OpenPanelConstants.INTENTS, repository(journal));
            e.getIn().setHeader(OpenPanelConstants.INTENT_KEY, "row-8");
            e.getIn().setBody(ProjectRequest.builder().name("After Crash").build());
        });
        assertThat(fresh.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("created");
        assertThat(journal.get("row-8").operation()).isEqualTo(OpenPanelOperation.CREATE);
        assertThat(calls()).containsExactly("GET /manage/projects", "POST /manage/projects");
    }

    @Test
    void aDryRunDecidesWithoutWriting() {
        simulator.store().addProject("sandbox-org", "Dry", Instant.now());

        Exchange wouldCreate = template.request("openpanel:projects?operation=ensure&dryRun=true",
                e -> e.getIn().setBody(ProjectRequest.builder().name("Wet").build()));
        Exchange wouldUpdate = template.request("openpanel:projects?operation=ensure&dryRun=true",
                e -> e.getIn().setBody(ProjectRequest.builder().name("Dry").domain("https://dry.example").build()));

        assertThat(wouldCreate.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("would-create");
        assertThat(wouldUpdate.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("would-update");
        assertThat(wouldUpdate.getMessage().getHeader(OpenPanelConstants.CHANGED_FIELDS)).isEqualTo("domain");
        assertThat(simulator.requests()).extracting(RecordedRequest::method).containsOnly("GET");
    }

    @Test
    void ensureByIdPatchesTheNamedResourceAndAMissingOneIsNotFound() {
        String id = simulator.store().addProject("sandbox-org", "By Id", Instant.now());

        Exchange renamed = template.request("openpanel:projects?operation=ensure", e -> {
            e.getIn().setHeader(OpenPanelConstants.ENSURE_ID, id);
            e.getIn().setBody(ProjectRequest.builder().name("By Id Renamed").build());
        });
        assertThat(renamed.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("updated");
        assertThat(renamed.getMessage().getHeader(OpenPanelConstants.CHANGED_FIELDS)).isEqualTo("name");

        assertThatThrownBy(() -> template.requestBodyAndHeader("openpanel:references?operation=ensure",
                ReferenceRequest.of(id, "Deploy", null, Instant.parse("2026-11-01T00:00:00Z")), OpenPanelConstants.ENSURE_ID, "nope"))
                .cause().isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no reference with id 'nope'");
        assertThatThrownBy(() -> template.requestBody("openpanel:projects?operation=ensure&createIfAbsent=false",
                ProjectRequest.builder().name("Not There").build()))
                .cause().isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no project with the name 'Not There'");
    }

    @Test
    void deleteCanTreatAMissingResourceAsAlreadyGone() {
        String id = simulator.store().addProject("sandbox-org", "Doomed", Instant.now());

        Exchange deleted = template.request("openpanel:clients?operation=delete&notFoundIsGone=true",
                e -> e.getIn().setHeader(OpenPanelConstants.ID, "00000000-0000-0000-0000-000000000000"));
        assertThat(deleted.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("already-gone");

        Exchange first = template.request("openpanel:projects?operation=delete",
                e -> e.getIn().setHeader(OpenPanelConstants.ID, id));
        assertThat(first.getMessage().getHeader(OpenPanelConstants.OUTCOME)).isEqualTo("deleted");
        assertThatThrownBy(() -> template.requestBodyAndHeader("openpanel:clients?operation=delete", null, OpenPanelConstants.ID,
                "00000000-0000-0000-0000-000000000000")).cause().isInstanceOf(ResourceNotFoundException.class);
    }

    private Exchange ensure(String resource, Object body) {
        Exchange exchange = template.request("openpanel:" + resource + "?operation=ensure", e -> e.getIn().setBody(body));
        assertThat(exchange.getException()).isNull();
        return exchange;
    }

    private List<String> calls() {
        return simulator.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static void assertNoHeaderCarries(Exchange exchange, String secret) {
        exchange.getMessage().getHeaders().values()
                .forEach(value -> assertThat(String.valueOf(value)).doesNotContain(secret));
    }

    private static IntentRepository repository(Map<String, Intent> journal) {
        return new IntentRepository() {
            @Override
            public Optional<Intent> find(String key) {
                return Optional.ofNullable(journal.get(key));
            }

            @Override
            public void record(String key, Intent intent) {
                journal.put(key, intent);
            }

            @Override
            public void succeeded(String key) {
            }
        };
    }
}
