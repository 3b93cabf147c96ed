package dev.openpanel.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JournalStore;
import dev.openpanel.camel.state.JournalStore.Removal;
import dev.openpanel.camel.testing.postgres.TestPostgres;

/**
 * The journals of cluster mode on a real PostgreSQL, seen by two instances (two pools, two stores, as two JVMs would
 * have): what one writes the other replays; one waits while the other has a journal open and takes it over the moment
 * the other's session ends; an instance cut off can write nothing more.
 */
class DatabaseJournalStoreTest {

    private static TestPostgres postgres;
    /** Each test its own database: journals are named under the data directory, whatever its path on an instance. */
    private String url;

    private final Path data = Path.of("/srv/openpanel/data");
    private final List<ClusterDatabase> databases = new ArrayList<>();

    @BeforeAll
    static void server() {
        postgres = TestPostgres.shared();
    }

    @BeforeEach
    void database() {
        url = postgres.newDatabase();
    }

    @AfterEach
    void close() {
        databases.forEach(ClusterDatabase::close);
    }

    @Test
    void whatOneInstanceWroteTheOtherReplaysInOrderAndListsByFolder() {
        JournalStore a = store("a");
        JournalStore b = store("b");
        Path journal = data.resolve("state/api-1/imports/projects-d1.jsonl");
        try (Journal open = a.open(journal, line -> { })) {
            open.append(Journal.line("intent").put("row", 1));
            open.append(Journal.line("result").put("row", 1).put("name", "shop"));
            List<String> seen = new ArrayList<>();
            open.forEach(line -> seen.add(line.path("t").asText()));
            assertThat(seen).containsExactly("intent", "result");
        }
        List<JsonNode> replayed = new ArrayList<>();
        try (Journal reopened = b.open(journal, replayed::add)) {
            reopened.append(Journal.line("complete"));
        }
        assertThat(replayed).extracting(line -> line.path("t").asText()).containsExactly("intent", "result");
        assertThat(replayed.get(1).path("name").asText()).isEqualTo("shop");
        List<String> snapshot = new ArrayList<>();
        assertThat(a.read(journal, line -> snapshot.add(line.path("t").asText()))).isTrue();
        assertThat(snapshot).containsExactly("intent", "result", "complete");
        assertThat(a.read(data.resolve("state/api-1/imports/none.jsonl"), line -> { })).isFalse();

        a.open(data.resolve("state/api-1/rotations/c-2.jsonl"), line -> { }).close();
        a.open(data.resolve("state/api-1/rotations/c-1.jsonl"), line -> { }).close();
        a.open(data.resolve("state/api-2/provisioning/e.jsonl"), line -> { }).close();
        a.open(data.resolve("state/api-2/other/x.jsonl"), line -> { }).close();
        assertThat(b.list(data.resolve("state/api-1/rotations")))
                .containsExactly(data.resolve("state/api-1/rotations/c-1.jsonl"), data.resolve("state/api-1/rotations/c-2.jsonl"));
        assertThat(b.list(data.resolve("state/api-9/rotations"))).isEmpty();
        assertThat(b.listApiJournals(data.resolve("state"), List.of("imports", "provisioning", "rotations")))
                .containsExactlyInAnyOrder(journal, data.resolve("state/api-1/rotations/c-1.jsonl"),
                        data.resolve("state/api-1/rotations/c-2.jsonl"), data.resolve("state/api-2/provisioning/e.jsonl"));
    }

    @Test
    void aSecondInstanceWaitsWhileTheJournalIsOpenAndGoesOnWithWhatTheFirstWrote() throws Exception {
        JournalStore a = store("a");
        JournalStore b = store("b");
        Path journal = data.resolve("state/api-1/provisioning/event-7.jsonl");
        Journal first = a.open(journal, line -> { });
        first.append(Journal.line("received"));
        List<String> replayed = new ArrayList<>();
        CompletableFuture<Journal> second = CompletableFuture.supplyAsync(() -> b.open(journal, line -> replayed.add(line.path("t").asText())));
        // the second is still waiting for the lock after several of its polls
        assertThatThrownBy(() -> second.get(400, TimeUnit.MILLISECONDS)).isInstanceOf(java.util.concurrent.TimeoutException.class);
        first.append(Journal.line("complete"));
        first.close();
        try (Journal taken = second.get(5, TimeUnit.SECONDS)) {
            assertThat(replayed).containsExactly("received", "complete");
        }
    }

    @Test
    void whenTheOwnersSessionEndsAnotherInstanceTakesTheJournalOverAndTheOwnerCanWriteNothingMore() throws Exception {
        JournalStore a = store("owner");
        JournalStore b = store("taker");
        Path journal = data.resolve("state/api-1/imports/clients-d2.jsonl");
        Journal owner = a.open(journal, line -> { });
        owner.append(Journal.line("result").put("row", 1));
        CompletableFuture<Journal> taker = CompletableFuture.supplyAsync(() -> b.open(journal, line -> { }));
        // the owner's process dies: the database ends its sessions (here: ends them from outside, as when its host is lost)
        int ended = database("admin").inTransaction(connection -> {
            try (var rows = connection.createStatement().executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = 'openpanel-camel owner journal'")) {
                rows.next();
                return rows.getInt(1);
            }
        });
        assertThat(ended).isEqualTo(1);
        try (Journal taken = taker.get(5, TimeUnit.SECONDS)) {
            assertThatThrownBy(() -> owner.append(Journal.line("result").put("row", 2))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot write the journal state/api-1/imports/clients-d2.jsonl");
            taken.append(Journal.line("result").put("row", 2));
        }
        owner.close();
        List<Integer> rows = new ArrayList<>();
        b.read(journal, line -> rows.add(line.path("row").asInt()));
        assertThat(rows).containsExactly(1, 2);
    }

    @Test
    void instancesThatMountTheSharedDataDirectoryAtDifferentPathsShareItsJournals() {
        JournalStore a = new DatabaseJournalStore(database("a"), Path.of("/mnt/volume-a/data"));
        JournalStore b = new DatabaseJournalStore(database("b"), Path.of("/var/lib/openpanel"));
        try (Journal open = a.open(Path.of("/mnt/volume-a/data/state/api-1/imports/projects-d4.jsonl"), line -> { })) {
            open.append(Journal.line("complete"));
        }
        List<String> seen = new ArrayList<>();
        assertThat(b.read(Path.of("/var/lib/openpanel/state/api-1/imports/projects-d4.jsonl"), line -> seen.add(line.path("t").asText())))
                .isTrue();
        assertThat(seen).containsExactly("complete");
    }

    @Test
    void theSameJournalOpenTwiceInOneProcessIsTheSameWorkRunningTwice() {
        JournalStore a = store("a");
        Path journal = data.resolve("state/api-1/imports/projects-d3.jsonl");
        try (Journal open = a.open(journal, line -> { })) {
            assertThatThrownBy(() -> a.open(journal, line -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open in this process");
        }
        a.open(journal, line -> { }).close();
        assertThatThrownBy(() -> a.open(Path.of("/elsewhere/x.jsonl"), line -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionDeletesOnlyFinishedJournalsThatAreOldAndNotOpenAnywhere() throws Exception {
        JournalStore a = store("a");
        JournalStore b = store("b");
        Path finished = data.resolve("state/api-1/imports/finished.jsonl");
        Path unfinished = data.resolve("state/api-1/imports/unfinished.jsonl");
        Path openElsewhere = data.resolve("state/api-1/imports/open.jsonl");
        for (Path journal : List.of(finished, openElsewhere)) {
            try (Journal open = a.open(journal, line -> { })) {
                open.append(Journal.line("complete"));
            }
        }
        try (Journal open = a.open(unfinished, line -> { })) {
            open.append(Journal.line("intent"));
        }
        assertThat(b.deleteIfFinished(finished, "complete", Instant.now().minusSeconds(60))).isEqualTo(Removal.RECENT);
        Instant cutoff = Instant.now().plusSeconds(1);
        try (Journal held = a.open(openElsewhere, line -> { })) {
            assertThat(b.deleteIfFinished(openElsewhere, "complete", cutoff)).isEqualTo(Removal.IN_USE);
            assertThat(a.deleteIfFinished(openElsewhere, "complete", cutoff)).as("open in this process").isEqualTo(Removal.IN_USE);
        }
        assertThat(b.deleteIfFinished(unfinished, "complete", cutoff)).isEqualTo(Removal.UNFINISHED);
        assertThat(b.deleteIfFinished(finished, "complete", cutoff)).isEqualTo(Removal.DELETED);
        assertThat(a.read(finished, line -> { })).isFalse();
        assertThat(b.deleteIfFinished(finished, "complete", cutoff)).as("gone already").isEqualTo(Removal.RECENT);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.deleteIfFinished(openElsewhere, "complete", cutoff) == Removal.DELETED);
    }

    private JournalStore store(String instance) {
        return new DatabaseJournalStore(database(instance), data);
    }

    private ClusterDatabase database(String instance) {
        ClusterDatabase database = ClusterDatabase.open(new ClusterSettings(url, postgres.user(), postgres::password, instance),
                new ClusterReadiness());
        databases.add(database);
        return database;
    }
}
