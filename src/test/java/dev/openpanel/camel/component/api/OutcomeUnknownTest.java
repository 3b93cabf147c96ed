package dev.openpanel.camel.component.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.OpenPanelComponent;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.error.OutcomeUnknownException;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.simulator.Fault;
import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.testing.TestApis;

/** A create that may have reached the server is never re-sent, and the resolver finds out what happened. */
class OutcomeUnknownTest {

    private ManageApiSimulator simulator;
    private DefaultCamelContext context;
    private ManageApi api;

    @BeforeEach
    void start() {
        simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start();
        OpenPanelComponent component = TestApis.component(simulator, 1000, Duration.ofSeconds(1));
        component.setResponseTimeout(Duration.ofMillis(300));
        context = TestApis.context(component, c -> { });
        api = TestApis.api(context);
    }

    @AfterEach
    void stop() {
        context.stop();
        simulator.close();
    }

    @Test
    void aProjectCreateWhoseAnswerIsLostIsNotResentAndIsFoundByName() {
        simulator.behavior().failNext(Fault.dropAfterHandling().on("POST", "/manage/projects"));
        ProjectRequest request = ProjectRequest.builder().name("Lost Answer").build();
        OutcomeUnknownException unknown = catchUnknown(() -> api.projects().create(request));

        assertThat(unknown.getRequest()).isEqualTo(request);
        assertThat(OpenPanelErrors.isOutcomeUnknown(unknown)).isTrue();
        assertThat(OpenPanelErrors.isPermanent(unknown)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> posts() == 1);
        assertThat(simulator.store().projects()).filteredOn(p -> p.name().equals("Lost Answer")).hasSize(1);

        Resolution<?> resolution = api.resolver().resolve(unknown);
        assertThat(resolution.isFound()).isTrue();
        assertThat(((Project) resolution.found()).id()).isEqualTo("lost-answer");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aCreateThatTimesOutIsNotResentAndIsFoundOnceTheServerFinishes() {
        String projectId = api.projects().create(ProjectRequest.builder().name("Slow Home").build()).project().id();
        simulator.clearRequests();
        simulator.behavior().latency(Duration.ofMillis(800));
        ClientRequest request = ClientRequest.of("slow client", projectId, ClientType.READ);
        OutcomeUnknownException unknown = catchUnknown(() -> api.clients().create(request));
        assertThat(unknown.getMessage()).contains("no answer after sending");
        simulator.behavior().reset();

        await().atMost(Duration.ofSeconds(5)).until(() -> posts() == 1);
        Resolution<?> resolution = api.resolver().resolve(unknown);
        assertThat(resolution.isFound()).isTrue();
        assertThat(((Client) resolution.found()).type()).isEqualTo(ClientType.READ);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aCreateAnswered503IsNotResentAndTheLookupSaysItIsAbsentSoItIsSafeToSendAgain() {
        String projectId = api.projects().create(ProjectRequest.builder().name("Refs Home").build()).project().id();
        simulator.clearRequests();
        simulator.behavior().failNext(Fault.answer(503, "{}").on("POST", "/manage/references"));
        ReferenceRequest request = ReferenceRequest.of(projectId, "Deploy", null, Instant.parse("2026-11-22T10:00:00Z"));
        OutcomeUnknownException unknown = catchUnknown(() -> api.references().create(request));
        assertThat(unknown.getStatusCode()).isEqualTo(503);
        assertThat(posts()).isEqualTo(1);

        Resolution<?> resolution = api.resolver().resolve(unknown);
        assertThat(resolution.isAbsent()).isTrue();
        Reference created = api.references().create(request);
        assertThat(new java.util.ArrayList<Object>(api.resolver().resolve(unknown).matches())).containsExactly(created);
    }

    @Test
    void aProjectOfTheSameNameCreatedBeforeTheRequestIsNotMistakenForIt() {
        simulator.store().addProject("sandbox-org", "Twin", Instant.now().minus(Duration.ofHours(1)));
        simulator.behavior().failNext(Fault.dropBeforeHandling().on("POST", "/manage/projects"));
        OutcomeUnknownException unknown = catchUnknown(() -> api.projects().create(ProjectRequest.builder().name("Twin").build()));
        assertThat(api.resolver().resolve(unknown).isAbsent()).isTrue();
        assertThat(simulator.store().projects()).extracting(SimProject::name).containsOnlyOnce("Twin");
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsRetriedAndItsLater404CountsAsDeleted() {
        String projectId = api.projects().create(ProjectRequest.builder().name("Delete Home").build()).project().id();
        String clientId = api.clients().create(ClientRequest.of("to delete", projectId, ClientType.WRITE)).client().id();
        simulator.clearRequests();
        simulator.behavior().failNext(Fault.dropAfterHandling().on("DELETE", "/manage/clients"));

        api.clients().delete(clientId);

        assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.status()).containsExactly("DELETE 0", "DELETE 404");
        assertThat(simulator.store().clients()).noneMatch(c -> c.id().equals(clientId));
    }

    private long posts() {
        return simulator.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    private static OutcomeUnknownException catchUnknown(Runnable call) {
        try {
            call.run();
        } catch (OutcomeUnknownException e) {
            return e;
        }
        throw new AssertionError("expected OutcomeUnknownException");
    }
}
