package dev.openpanel.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.testing.RawHttp;

/** The simulator's clients and references behave as the real server's, over plain HTTP. */
class SimulatorClientsAndReferencesTest {

    private static ManageApiSimulator simulator;
    private static RawHttp api;
    private static String project;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(10_000, Duration.ofSeconds(1)).start();
        api = new RawHttp(simulator.url(), simulator.rootClient());
        project = api.post("/manage/projects", "{\"name\":\"Clients Home\"}").data().get("id").asText();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aCreatedClientShowsItsPlainSecretOnceAndItsHashEverywhereElse() {
        JsonNode created = api.post("/manage/clients",
                "{\"name\":\"dashboards\",\"projectId\":\"" + project + "\",\"type\":\"read\"}").data();
        String id = created.get("id").asText();
        assertThat(created.get("secret").asText()).matches("sec_[0-9a-f]{20}");
        assertThat(created.get("type").asText()).isEqualTo("read");
        assertThat(created.get("organizationId").asText()).isEqualTo(SimulatorStore.DEFAULT_ORGANIZATION);

        String hash = "[0-9a-f]{32}\\.[0-9a-f]{64}";
        assertThat(api.get("/manage/clients/" + id).data().get("secret").asText()).matches(hash);
        assertThat(api.patch("/manage/clients/" + id, "{\"name\":\"renamed\",\"type\":\"root\",\"projectId\":\"\"}")
                .data().get("secret").asText()).matches(hash);
        JsonNode renamed = api.get("/manage/clients/" + id).data();
        assertThat(renamed.get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.get("type").asText()).isEqualTo("read");
        assertThat(renamed.get("projectId").asText()).isEqualTo(project);
        api.get("/manage/clients").data().forEach(c -> assertThat(c.get("secret").asText()).matches(hash));
    }

    @Test
    void clientsDefaultToWriteAndAnEmptyProjectIdMeansNone() {
        JsonNode client = api.post("/manage/clients", "{\"name\":\"orphan\",\"projectId\":\"\"}").data();
        assertThat(client.get("type").asText()).isEqualTo("write");
        assertThat(client.get("projectId").isNull()).isTrue();
    }

    @Test
    void clientListIncludesRootClientsAndFiltersByProject() {
        JsonNode all = api.get("/manage/clients").data();
        assertThat(all.findValuesAsText("id")).contains(simulator.rootClient().id());
        JsonNode mine = api.get("/manage/clients?projectId=" + project).data();
        mine.forEach(c -> assertThat(c.get("projectId").asText()).isEqualTo(project));
        assertThat(api.get("/manage/clients?projectId=").data().size()).isEqualTo(api.get("/manage/clients").data().size());
        RawHttp.Answer unknown = api.get("/manage/clients?projectId=no-such-project");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).isEqualTo("Project not found");
    }

    @Test
    void aClientIdThatIsNotAUuidIsAServerErrorInPlainText() {
        RawHttp.Answer answer = api.get("/manage/clients/not-a-uuid");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("content-type")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("Internal server error");
        assertThat(api.get("/manage/clients/00000000-0000-4000-8000-000000000000").json().get("message").asText())
                .isEqualTo("Client not found");
    }

    @Test
    void deletingAClientIsFinal() {
        String id = api.post("/manage/clients", "{\"name\":\"temp\"}").data().get("id").asText();
        assertThat(api.delete("/manage/clients/" + id).body()).isEqualTo("{\"success\":true}");
        assertThat(api.get("/manage/clients/" + id).status()).isEqualTo(404);
    }

    @Test
    void referencesTakeDatetimeAndAnswerDateConvertedToUtc() {
        assertThat(createReference("2025-06-02").get("date").asText()).isEqualTo("2025-06-02T00:00:00.000Z");
        assertThat(createReference("2025-06-02T12:00:00+02:00").get("date").asText()).isEqualTo("2025-06-02T10:00:00.000Z");
        assertThat(createReference("June 5, 2025 10:00").get("date").asText()).isEqualTo("2025-06-05T10:00:00.000Z");
        JsonNode reference = createReference("2025-06-01T12:00:00Z");
        assertThat(reference.has("datetime")).isFalse();
        assertThat(reference.get("projectId").asText()).isEqualTo(project);
    }

    @Test
    void aDatetimeThatIsNotADateIsAServerError() {
        for (String notADate : new String[] { "yesterday", "1717243200000" }) {
            RawHttp.Answer answer = api.post("/manage/references",
                    "{\"projectId\":\"" + project + "\",\"title\":\"t\",\"datetime\":\"" + notADate + "\"}");
            assertThat(answer.status()).as(notADate).isEqualTo(500);
        }
    }

    @Test
    void anEmptyDescriptionIsNullOnCreateButKeptOnPatchAndNullIsRefused() {
        JsonNode reference = api.post("/manage/references", "{\"projectId\":\"" + project
                + "\",\"title\":\"d\",\"description\":\"\",\"datetime\":\"2025-01-01\"}").data();
        assertThat(reference.get("description").isNull()).isTrue();
        String id = reference.get("id").asText();
        assertThat(api.patch("/manage/references/" + id, "{\"description\":\"\"}").data().get("description").asText()).isEmpty();
        RawHttp.Answer refused = api.patch("/manage/references/" + id, "{\"description\":null}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).isEqualTo("body/description Invalid input: expected string, received null");
    }

    @Test
    void aReferenceReadByIdCarriesItsProjectsOrganisationAndCanBeFilteredByProject() {
        String id = createReference("2025-03-03").get("id").asText();
        JsonNode read = api.get("/manage/references/" + id).data();
        assertThat(read.get("project").get("organizationId").asText()).isEqualTo(SimulatorStore.DEFAULT_ORGANIZATION);
        assertThat(api.get("/manage/references?projectId=" + project).data().findValuesAsText("id")).contains(id);
        assertThat(api.get("/manage/references/not-a-uuid").status()).isEqualTo(500);
        assertThat(api.delete("/manage/references/" + id).status()).isEqualTo(200);
        assertThat(api.get("/manage/references/" + id).json().get("message").asText()).isEqualTo("Reference not found");
    }

    @Test
    void referencesOfAnotherOrganisationsProjectAreNotFound() {
        String foreignProject = simulator.store().addProject("other-org", "Elsewhere", Instant.now());
        String foreign = simulator.store().addReference(foreignProject, "theirs", Instant.now(), Instant.now());
        assertThat(api.get("/manage/references/" + foreign).status()).isEqualTo(404);
        assertThat(api.post("/manage/references", "{\"projectId\":\"" + foreignProject
                + "\",\"title\":\"x\",\"datetime\":\"2025-01-01\"}").json().get("message").asText()).isEqualTo("Project not found");
    }

    @Test
    void theRootClientMayDeleteItselfAndIsRefusedAfterwards() {
        SimulatorStore.SeededClient extra = simulator.store().addClient(SimulatorStore.DEFAULT_ORGANIZATION, "root 2",
                "root", null, Instant.now());
        RawHttp self = api.as(extra.id(), extra.secret());
        assertThat(self.delete("/manage/clients/" + extra.id()).status()).isEqualTo(200);
        RawHttp.Answer after = self.get("/manage/projects");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("message").asText()).isEqualTo("Manage: Invalid client id");
    }

    private static JsonNode createReference(String datetime) {
        RawHttp.Answer answer = api.post("/manage/references",
                "{\"projectId\":\"" + project + "\",\"title\":\"Deploy\",\"datetime\":\"" + datetime + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }
}
