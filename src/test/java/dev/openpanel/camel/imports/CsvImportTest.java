package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.openpanel.camel.simulator.RecordedRequest;
import dev.openpanel.camel.simulator.SimClient;
import dev.openpanel.camel.simulator.SimProject;
import dev.openpanel.camel.simulator.SimReference;
import dev.openpanel.camel.simulator.SimulatorStore;
import dev.openpanel.camel.testing.RawHttp;

/** Files dropped into the inbox, imported by the running application against the simulator over HTTP. */
class CsvImportTest {

    private static final String ORG = SimulatorStore.DEFAULT_ORGANIZATION;

    @TempDir
    static Path data;

    private static ImportFixture app;

    @BeforeAll
    static void start() {
        app = ImportFixture.start(data, Map.of("openpanel.import.allow-root-clients", "false"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clearLog() {
        app.simulator.clearRequests();
    }

    @Test
    void projectsAreCreatedUpdatedLeftUnchangedAndDeletedWithOneResultLinePerRow() throws Exception {
        SimulatorStore store = app.simulator.store();
        store.addProject(ORG, "Keep Me", Instant.now());
        String change = store.addProject(ORG, "Change Me", Instant.now());
        store.addProject(ORG, "Drop Me", Instant.now());

        app.drop("projects", "batch-1.csv", "name,domain,types,action\n"
                + "New Shop,https://new.example/,website|app,\n"
                + "Keep Me,,,\n"
                + "Change Me,https://changed.example,,upsert\n"
                + "Drop Me,,,delete\n");
        assertThat(app.awaitLeft("projects", "batch-1.csv").toString()).contains("/.done/");

        assertThat(app.results("batch-1")).isEqualTo("row,action,status,resource,id,name,message\n"
                + "1,upsert,created,project,new-shop,New Shop,\n"
                + "2,upsert,unchanged,project,keep-me,Keep Me,\n"
                + "3,upsert,updated,project,change-me,Change Me,\n"
                + "4,delete,deleted,project,drop-me,Drop Me,\n");
        assertThat(data.resolve("errors/batch-1.errors.csv")).doesNotExist();
        SimProject created = project("new-shop");
        assertThat(created.domain()).isEqualTo("https://new.example");
        assertThat(created.types()).containsExactly("website", "app");
        assertThat(project(change).domain()).isEqualTo("https://changed.example");
        assertThat(project("drop-me").isSoftDeleted()).isTrue();
        List<String> requests = app.simulator.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(requests.get(0)).as("one listing first").isEqualTo("GET /manage/projects");
        assertThat(requests.subList(1, requests.size())).as("then one call per changed row, rows running concurrently")
                .containsExactlyInAnyOrder("POST /manage/projects", "PATCH /manage/projects/change-me",
                        "DELETE /manage/projects/drop-me");

        Path secrets = data.resolve("secrets/batch-1.secrets.csv");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        String[] line = app.secrets("batch-1").lines().toList().get(1).split(",");
        assertThat(app.secrets("batch-1").lines().toList().get(0)).isEqualTo("row,projectId,clientId,clientSecret");
        assertThat(line[0]).isEqualTo("1");
        assertThat(line[1]).isEqualTo("new-shop");
        assertSecretBelongsTo(line[2], line[3]);
        assertThat(app.results("batch-1")).doesNotContain(line[3]);
    }

    @Test
    void clientsNameTheirProjectByNameAndRootClientsAndUnknownProjectsFailTheirRowOnly() {
        String home = app.simulator.store().addProject(ORG, "Clients Home", Instant.now());
        app.drop("clients", "clients-1.csv", "name;project;type\n"
                + "dashboards;Clients Home;read\n"
                + "ingest;Clients Home;\n"
                + "admin;Clients Home;root\n"
                + "lost;No Such Project;write\n");
        app.awaitLeft("clients", "clients-1.csv");

        String results = app.results("clients-1");
        String dashboards = clientId("dashboards", home);
        String ingest = clientId("ingest", home);
        assertThat(results).isEqualTo("row,action,status,resource,id,name,message\n"
                + "1,upsert,created,client," + dashboards + ",dashboards,\n"
                + "2,upsert,created,client," + ingest + ",ingest,\n"
                + "3,upsert,failed,client,,admin,creating a root client from a CSV is refused; set "
                + "openpanel.import.allow-root-clients=true to allow it\n"
                + "4,upsert,failed,client,,lost,project 'No Such Project' not found\n");
        assertThat(app.errors("clients-1")).isEqualTo("row,name,project,type,error\n"
                + "3,admin,Clients Home,root,creating a root client from a CSV is refused; set "
                + "openpanel.import.allow-root-clients=true to allow it\n"
                + "4,lost,No Such Project,write,project 'No Such Project' not found\n");
        assertThat(app.simulator.store().clients()).filteredOn(c -> c.name().equals("dashboards")).singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo("read"));
        assertThat(app.secrets("clients-1").lines()).hasSize(3).element(1).asString().startsWith("1," + home + "," + dashboards + ",sec_");
        String[] line = app.secrets("clients-1").lines().toList().get(2).split(",");
        assertSecretBelongsTo(line[2], line[3]);
    }

    @Test
    void referencesTakeABareDateAsMidnightUtcAndUpsertPatchesOnlyTheDescription() {
        String home = app.simulator.store().addProject(ORG, "Refs Home", Instant.now());
        String existing = app.simulator.store().addReference(home, "Deploy 1", Instant.parse("2026-11-01T00:00:00Z"), Instant.now());
        app.drop("references", "refs-1.csv", "projectId,title,datetime,description\n"
                + home + ",Deploy 1,2026-11-01,now described\n"
                + home + ",Deploy 2,2026-11-02T10:00:00+02:00,\n"
                + home + ",Bad Date,yesterday,\n");
        app.awaitLeft("references", "refs-1.csv");

        SimReference created = app.simulator.store().references().stream().filter(r -> r.title().equals("Deploy 2"))
                .findFirst().orElseThrow();
        assertThat(created.date()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
        assertThat(app.results("refs-1")).isEqualTo("row,action,status,resource,id,name,message\n"
                + "1,upsert,updated,reference," + existing + ",Deploy 1,\n"
                + "2,upsert,created,reference," + created.id() + ",Deploy 2,\n"
                + "3,upsert,failed,reference,,Bad Date,datetime: 'yesterday' is not an ISO-8601 date-time with a zone "
                + "(e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)\n");
        assertThat(app.simulator.store().references()).filteredOn(r -> r.id().equals(existing)).singleElement()
                .satisfies(r -> assertThat(r.description()).isEqualTo("now described"));
        assertThat(app.simulator.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"description\":\"now described\"}"));
    }

    @Test
    void explicitActionsCreateUpdateAndDeleteByIdAndAnAmbiguousNameFailsTheRow() {
        String keep = app.simulator.store().addProject(ORG, "By Id", Instant.now());
        app.drop("projects", "actions.csv", "action,id,name\n"
                + "create,,Twin\n"
                + "create,,Twin\n"
                + "update," + keep + ",Renamed By Id\n");
        app.awaitLeft("projects", "actions.csv");
        List<String> results = app.results("actions").lines().toList();
        assertThat(results).hasSize(4);
        assertThat(results.get(1)).isEqualTo("1,create,created,project,twin,Twin,");
        assertThat(results.get(2)).as("one row per project in a file")
                .startsWith("2,create,failed,project,,Twin,duplicate of row 1: the same project");
        assertThat(results.get(3)).isEqualTo("3,update,updated,project," + keep + ",Renamed By Id,");
        assertThat(project(keep).name()).isEqualTo("Renamed By Id");

        app.drop("projects", "actions-2.csv", "action,id,name\ncreate,,Twin\n");
        app.awaitLeft("projects", "actions-2.csv");
        assertThat(app.results("actions-2").lines().toList().get(1)).matches("1,create,created,project,twin-\\d{4},Twin,");
        app.drop("projects", "actions-3.csv", "action,id,name\nupsert,,Twin\ndelete,twin,\n");
        app.awaitLeft("projects", "actions-3.csv");
        List<String> third = app.results("actions-3").lines().toList();
        assertThat(third.get(1)).startsWith("1,upsert,failed,project,,Twin,\"ambiguous: 2 projects match the name 'Twin'");
        assertThat(third.get(2)).isEqualTo("2,delete,deleted,project,twin,,");
    }

    @Test
    void anUnchangedFileMakesExactlyOneListCallPerKindAndNoOtherCall() {
        SimulatorStore store = app.simulator.store();
        String home = store.addProject(ORG, "Steady Home", Instant.now());
        store.addProject(ORG, "Steady Other", Instant.now());
        store.addClient(ORG, "steady reader", "read", home, Instant.now());
        store.addReference(home, "Steady Deploy", Instant.parse("2026-10-01T00:00:00Z"), Instant.now());

        app.drop("projects", "steady-projects.csv", "name\nSteady Home\nSteady Other\n");
        app.awaitLeft("projects", "steady-projects.csv");
        assertThat(paths()).containsExactly("GET /manage/projects");

        app.simulator.clearRequests();
        app.drop("clients", "steady-clients.csv", "name,project,type\nsteady reader,Steady Home,read\n");
        app.awaitLeft("clients", "steady-clients.csv");
        assertThat(paths()).containsExactlyInAnyOrder("GET /manage/projects", "GET /manage/clients");

        app.simulator.clearRequests();
        app.drop("references", "steady-refs.csv", "projectId,title,datetime\n" + home + ",Steady Deploy,2026-10-01\n");
        app.awaitLeft("references", "steady-refs.csv");
        assertThat(paths()).containsExactly("GET /manage/references");
        assertThat(app.results("steady-refs")).endsWith(",unchanged,reference," + store.references().stream()
                .filter(r -> r.title().equals("Steady Deploy")).findFirst().orElseThrow().id() + ",Steady Deploy,\n");
    }

    @Test
    void reDroppingAnIdenticalFileMakesNoCallsButTheSameNameWithNewContentIsANewImport() {
        String content = "name\nOnce Only\n";
        app.drop("projects", "once.csv", content);
        app.awaitLeft("projects", "once.csv");
        String first = app.results("once");

        app.simulator.clearRequests();
        app.drop("projects", "once.csv", content);
        app.awaitLeft("projects", "once.csv");
        assertThat(app.simulator.requests()).isEmpty();
        assertThat(app.results("once")).isEqualTo(first);
        assertThat(app.simulator.store().projects()).filteredOn(p -> p.name().equals("Once Only")).hasSize(1);

        app.drop("projects", "once.csv", "name\nOnce Only\nTwice Now\n");
        app.awaitLeft("projects", "once.csv");
        assertThat(app.results("once")).contains("1,upsert,unchanged,project,once-only,Once Only,")
                .contains("2,upsert,created,project,twice-now,Twice Now,");
    }

    @Test
    void aFileWithAnUnknownColumnIsRejectedBeforeAnyCallAndMovedToFailedWithTheReason() {
        app.drop("projects", "typo.csv", "nmae,domain\nShop,https://x.example\n");
        assertThat(app.awaitLeft("projects", "typo.csv").toString()).contains("/.failed/");
        assertThat(app.errors("typo")).isEqualTo("file,error\ntypo.csv,\"unknown column 'nmae'; expected columns: action, id, "
                + "name, domain, cors, crossDomain, types, allowUnsafeRevenueTracking\"\n");
        assertThat(app.simulator.requests()).isEmpty();
        assertThat(data.resolve("outbox/typo.results.csv")).doesNotExist();
    }

    @Test
    void formulaCellsAreNeutralisedInResultsAndErrorsWhileTheApiGetsTheNameAsWritten() {
        app.drop("projects", "formulas.csv", "name,domain\n"
                + "\"=cmd|' /C calc'!A0\",\n"
                + "@SUM(1+1),\n"
                + "+1+1,\n"
                + "-2+3,not a url\n");
        app.awaitLeft("projects", "formulas.csv");

        List<List<String>> results = cells(app.results("formulas"));
        assertThat(results).extracting(line -> line.get(5)).containsExactly("name", "'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+1+1",
                "'-2+3");
        assertThat(results.get(4).get(2)).isEqualTo("failed");
        assertThat(cells(app.errors("formulas")).get(1)).containsExactly("4", "'-2+3", "not a url",
                "domain 'not a url' is not an absolute URL (e.g. https://shop.example.com)");
        assertThat(app.simulator.store().projects()).extracting(SimProject::name).contains("=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1");
        assertThat(Stream.concat(results.stream(), cells(app.errors("formulas")).stream()).flatMap(List::stream))
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }

    @Test
    void aProjectNameTheServerWouldGiveTheEmptyIdFailsItsRowWithoutACreate() {
        app.drop("projects", "no-slug.csv", "name\n日本語のプロジェクト\nNihongo Project\n");
        app.awaitLeft("projects", "no-slug.csv");

        assertThat(app.results("no-slug")).isEqualTo("row,action,status,resource,id,name,message\n"
                + "1,upsert,failed,project,,日本語のプロジェクト,\"the project name '日本語のプロジェクト' would get an empty id: the server keeps "
                + "only Latin letters (without accents), digits and hyphens of a name in its id, and a project with an empty id "
                + "cannot be updated or deleted through the API; add a Latin letter or a digit to the name\"\n"
                + "2,upsert,created,project,nihongo-project,Nihongo Project,\n");
        assertThat(paths()).containsExactly("GET /manage/projects", "POST /manage/projects");
    }

    @Test
    void aDryRunPlansEveryRowWithoutWritingAnything() throws Exception {
        app.simulator.store().addProject(ORG, "Planned Existing", Instant.now());
        Path file = data.resolve("plan-me.csv");
        Files.writeString(file, "name,domain\nPlanned Existing,https://changed.example\nPlanned New,\n,https://nameless.example\n");
        ImportSummary summary = app.importFile("projects", file, true);
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.statuses()).containsEntry("would-update", 1).containsEntry("would-create", 1).containsEntry("failed", 1);
        assertThat(ImportFixture.read(data.resolve("outbox/plan-me.plan.csv"))).isEqualTo(
                "row,action,status,resource,id,name,message\n"
                        + "1,upsert,would-update,project,planned-existing,Planned Existing,\n"
                        + "2,upsert,would-create,project,,Planned New,\n"
                        + "3,upsert,failed,project,,,name is empty and there is no id\n");
        assertThat(app.simulator.requests()).extracting(RecordedRequest::method).containsOnly("GET");
        assertThat(data.resolve("outbox/plan-me.results.csv")).doesNotExist();
        assertThat(file).exists();
    }

    private static void assertSecretBelongsTo(String clientId, String secret) {
        RawHttp.Answer answer = new RawHttp(app.simulator.url(), clientId, secret).get("/manage/projects");
        assertThat(answer.json().get("message").asText()).as("the secret in the file is the client's real one")
                .isEqualTo("Manage: Only root clients are allowed to manage resources");
    }

    private static SimProject project(String id) {
        return app.simulator.store().projects().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static String clientId(String name, String projectId) {
        return app.simulator.store().clients().stream().filter(c -> c.name().equals(name) && projectId.equals(c.projectId()))
                .map(SimClient::id).findFirst().orElseThrow();
    }

    private static List<List<String>> cells(String csv) {
        try (MappingIterator<List<String>> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(List.class).with(CsvSchema.emptySchema()).readValues(csv)) {
            return rows.readAll();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<String> paths() {
        return app.simulator.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }
}
