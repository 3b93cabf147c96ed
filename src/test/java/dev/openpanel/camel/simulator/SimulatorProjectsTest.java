package dev.openpanel.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.testing.RawHttp;

/** The simulator's projects behave as the real server's (openpanel-manage-api.md), over plain HTTP. */
class SimulatorProjectsTest {

    private static ManageApiSimulator simulator;
    private static RawHttp api;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(10_000, Duration.ofSeconds(1)).seed(7).start();
        api = new RawHttp(simulator.url(), simulator.rootClient());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void createAnswers200WithTheProjectItsFirstWriteClientAndThatClientsPlainSecret() {
        RawHttp.Answer answer = api.post("/manage/projects",
                "{\"name\":\"Create Shape\",\"domain\":\"https://shape.example/\",\"cors\":[\"https://a.example/\",\"*\"],"
                        + "\"types\":[\"website\",\"backend\"],\"unknown\":1}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode data = answer.data();
        assertThat(data.get("id").asText()).isEqualTo("create-shape");
        assertThat(data.get("domain").asText()).isEqualTo("https://shape.example");
        assertThat(data.get("cors")).hasSize(2);
        assertThat(data.get("cors").get(0).asText()).isEqualTo("https://a.example");
        assertThat(data.get("cors").get(1).asText()).isEqualTo("*");
        assertThat(data.get("crossDomain").asBoolean()).isFalse();
        assertThat(data.get("deleteAt").isNull()).isTrue();
        assertThat(data.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(data.get("clients").get(0).get("id").asText()).isEqualTo(data.get("client").get("id").asText());
        assertThat(data.get("client").get("secret").asText()).matches("sec_[0-9a-f]{20}");
        assertThat(data.has("unknown")).isFalse();

        JsonNode first = api.get("/manage/clients/" + data.get("client").get("id").asText()).data();
        assertThat(first.get("name").asText()).isEqualTo("First client");
        assertThat(first.get("type").asText()).isEqualTo("write");
        assertThat(first.get("projectId").asText()).isEqualTo("create-shape");
        assertThat(first.get("secret").asText()).matches("[0-9a-f]{32}\\.[0-9a-f]{64}");
    }

    @Test
    void idsAreSlugsOfTheNameAndASecondProjectOfTheSameNameGetsASuffix() {
        assertThat(create("My Shop")).isEqualTo("my-shop");
        assertThat(create("My Shop")).matches("my-shop-[1-9]\\d{3}");
        assertThat(create("Ünïcödé ✓")).isEqualTo("unicode");
        assertThat(create("a/b")).isEqualTo("ab");
        assertThat(create("Åland Öl | Bar")).isEqualTo("aland-ol-bar");
        assertThat(create("release-2024")).isEqualTo("release-2024");
        assertThat(create("release-2024")).matches("release-[1-9]\\d{3}").isNotEqualTo("release-2024");
        RawHttp.Answer spaced = api.post("/manage/projects", "{\"name\":\"  Spaced Out  \"}");
        assertThat(spaced.data().get("id").asText()).isEqualTo("spaced-out");
        assertThat(spaced.data().get("name").asText()).isEqualTo("  Spaced Out  ");
    }

    @Test
    void aNameWithoutSlugCharactersGetsTheEmptyIdThenDigitOnlyIds() {
        assertThat(create("✓")).isEqualTo("");
        assertThat(create("✓✓")).matches("[1-9]\\d{3}");
        assertThat(create("日本語のプロジェクト")).as("no Latin letter or digit either").matches("[1-9]\\d{3}");
        assertThat(api.get("/manage/projects/").data().get("name").asText()).isEqualTo("✓");
    }

    @Test
    void domainMustBeAnAbsoluteUrlOrEmptyAndEmptyStoresNull() {
        assertThat(api.post("/manage/projects", "{\"name\":\"d1\",\"domain\":\"ftp://x\"}").status()).isEqualTo(200);
        assertThat(api.post("/manage/projects", "{\"name\":\"d2\",\"domain\":\"http://localhost:3000\"}").status()).isEqualTo(200);
        assertThat(api.post("/manage/projects", "{\"name\":\"d3\",\"domain\":\"\"}").data().get("domain").isNull()).isTrue();
        RawHttp.Answer bad = api.post("/manage/projects", "{\"name\":\"d4\",\"domain\":\"example.com\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).isEqualTo("body/domain Invalid URL");
    }

    @Test
    void listShowsOnlyProjectsThatAreNotPendingDeletionNewestFirst() {
        String older = simulator.store().addProject(SimulatorStore.DEFAULT_ORGANIZATION, "Listing Older",
                Instant.parse("2020-01-01T00:00:00Z"));
        String newer = create("Listing Newer");
        String gone = create("Listing Gone");
        assertThat(api.delete("/manage/projects/" + gone).json().get("success").asBoolean()).isTrue();

        JsonNode list = api.get("/manage/projects").data();
        assertThat(ids(list)).contains(older, newer).doesNotContain(gone);
        assertThat(ids(list).indexOf(newer)).isLessThan(ids(list).indexOf(older));
    }

    @Test
    void aDeletedProjectIsStillReadablePatchableAndUsableAndDeletingAgainPushesDeleteAt() throws Exception {
        String id = create("Soft Delete");
        api.delete("/manage/projects/" + id);
        JsonNode deleted = api.get("/manage/projects/" + id).data();
        Instant deleteAt = Instant.parse(deleted.get("deleteAt").asText());
        assertThat(deleteAt).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        assertThat(api.patch("/manage/projects/" + id, "{\"name\":\"Still Here\"}").data().get("name").asText()).isEqualTo("Still Here");
        assertThat(api.post("/manage/clients", "{\"name\":\"late\",\"projectId\":\"" + id + "\"}").status()).isEqualTo(200);
        assertThat(api.get("/manage/clients?projectId=" + id).status()).isEqualTo(200);

        Thread.sleep(5);
        api.delete("/manage/projects/" + id);
        assertThat(Instant.parse(api.get("/manage/projects/" + id).data().get("deleteAt").asText())).isAfter(deleteAt);
    }

    @Test
    void patchChangesOnlyGivenFieldsIgnoresTypesAndAnEmptyPatchLeavesUpdatedAtAlone() throws Exception {
        String id = api.post("/manage/projects", "{\"name\":\"Patchable\",\"types\":[\"app\"]}").data().get("id").asText();
        JsonNode before = api.get("/manage/projects/" + id).data();
        Thread.sleep(5);

        JsonNode same = api.patch("/manage/projects/" + id, "{\"types\":[\"website\"],\"bogus\":true}").data();
        assertThat(same.get("updatedAt")).isEqualTo(before.get("updatedAt"));
        assertThat(same.get("types").get(0).asText()).isEqualTo("app");

        JsonNode patched = api.patch("/manage/projects/" + id,
                "{\"domain\":\"https://p.example/\",\"allowUnsafeRevenueTracking\":true}").data();
        assertThat(patched.get("domain").asText()).isEqualTo("https://p.example");
        assertThat(patched.get("allowUnsafeRevenueTracking").asBoolean()).isTrue();
        assertThat(patched.get("name").asText()).isEqualTo("Patchable");
        assertThat(patched.get("updatedAt")).isNotEqualTo(before.get("updatedAt"));
    }

    @Test
    void projectsOfAnotherOrganisationAreNotFound() {
        String foreign = simulator.store().addProject("other-org", "Foreign", Instant.now());
        RawHttp.Answer answer = api.get("/manage/projects/" + foreign);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"status\":404,\"message\":\"Project not found\"}");
        assertThat(api.patch("/manage/projects/" + foreign, "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(api.delete("/manage/projects/" + foreign).status()).isEqualTo(404);
        assertThat(ids(api.get("/manage/projects").data())).doesNotContain(foreign);
        assertThat(create("Foreign")).isNotEqualTo(foreign).startsWith("foreign-");
    }

    private static String create(String name) {
        RawHttp.Answer answer = api.post("/manage/projects", "{\"name\":" + SimJson.MAPPER.valueToTree(name) + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("id").asText();
    }

    private static java.util.List<String> ids(JsonNode list) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }
}
