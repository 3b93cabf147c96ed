package dev.openpanel.camel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The crash-safe journal: replay in order, a torn last line cut off, one holder at a time, owner only, and deleted
 * once old only when its work is finished and nobody holds it.
 */
class JsonLinesJournalTest {

    @TempDir
    Path temp;

    @Test
    void linesAreReplayedInOrderAndALineTornByACrashIsCutOffBeforeTheNextAppend() throws Exception {
        Path file = temp.resolve("state/journal.jsonl");
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            journal.append(Journal.line("intent").put("step", "a"));
            journal.append(Journal.line("done").put("step", "a"));
        }
        Files.writeString(file, Files.readString(file) + "{\"t\":\"intent\",\"st");

        List<String> replayed = new ArrayList<>();
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> replayed.add(line.path("t").asText()))) {
            journal.append(Journal.line("complete"));
        }

        assertThat(replayed).containsExactly("intent", "done");
        assertThat(Files.readAllLines(file)).containsExactly("{\"t\":\"intent\",\"step\":\"a\"}", "{\"t\":\"done\",\"step\":\"a\"}",
                "{\"t\":\"complete\"}");
        List<JsonNode> read = new ArrayList<>();
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            journal.forEach(read::add);
        }
        assertThat(read).hasSize(3);
    }

    @Test
    void aJournalIsHeldByOneHolderAtATime() {
        Path file = temp.resolve("held.jsonl");
        try (JsonLinesJournal first = JsonLinesJournal.open(file, line -> { })) {
            assertThatThrownBy(() -> JsonLinesJournal.open(file, line -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open in this process");
        }
        try (JsonLinesJournal again = JsonLinesJournal.open(file, line -> { })) {
            assertThat(again.file()).isEqualTo(file);
        }
    }

    @Test
    void aNewJournalIs0600InFoldersOnlyTheOwnerCanEnter() throws Exception {
        Path file = temp.resolve("state/api/imports/projects-1.jsonl");
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            journal.append(Journal.line("intent"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state")))).isEqualTo("rwx------");
    }

    @Test
    void onlyAnOldJournalWithItsFinishingLineIsDeleted() throws Exception {
        Instant cutoff = Instant.parse("2026-11-01T00:00:00Z");
        Path finishedOld = journal("finished-old.jsonl", cutoff.minus(Duration.ofDays(1)), "received", "done", "complete");
        Path finishedRecent = journal("finished-recent.jsonl", cutoff.plusSeconds(1), "received", "complete");
        Path unfinishedOld = journal("unfinished-old.jsonl", cutoff.minus(Duration.ofDays(90)), "received", "intent");
        Path mentionsOnly = journal("mentions-only.jsonl", cutoff.minus(Duration.ofDays(90)), "received");
        Files.writeString(mentionsOnly, "{\"t\":\"done\",\"name\":\"complete\"}\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(mentionsOnly, FileTime.from(cutoff.minus(Duration.ofDays(90))));

        assertThat(JsonLinesJournal.deleteIfFinished(finishedOld, "complete", cutoff)).isEqualTo(JournalStore.Removal.DELETED);
        assertThat(JsonLinesJournal.deleteIfFinished(finishedRecent, "complete", cutoff)).isEqualTo(JournalStore.Removal.RECENT);
        assertThat(JsonLinesJournal.deleteIfFinished(unfinishedOld, "complete", cutoff)).isEqualTo(JournalStore.Removal.UNFINISHED);
        assertThat(JsonLinesJournal.deleteIfFinished(mentionsOnly, "complete", cutoff)).isEqualTo(JournalStore.Removal.UNFINISHED);
        assertThat(JsonLinesJournal.deleteIfFinished(temp.resolve("gone.jsonl"), "complete", cutoff))
                .isEqualTo(JournalStore.Removal.RECENT);

        assertThat(finishedOld).doesNotExist();
        assertThat(finishedRecent).exists();
        assertThat(unfinishedOld).exists();
        assertThat(mentionsOnly).exists();
    }

    @Test
    void aJournalOpenInThisProcessOrLockedByAnotherHolderIsNotDeletedAndReopeningADeletedOneStartsAfresh() throws Exception {
        Instant cutoff = Instant.parse("2026-11-01T00:00:00Z");
        Instant old = cutoff.minus(Duration.ofDays(40));
        Path open = journal("open.jsonl", old, "received", "complete");
        try (JsonLinesJournal holder = JsonLinesJournal.open(open, line -> { })) {
            Files.setLastModifiedTime(open, FileTime.from(old));
            assertThat(JsonLinesJournal.deleteIfFinished(open, "complete", cutoff)).isEqualTo(JournalStore.Removal.IN_USE);
        }
        Path locked = journal("locked.jsonl", old, "received", "complete");
        try (FileChannel other = FileChannel.open(locked, StandardOpenOption.WRITE)) {
            // a lock the journal's own bookkeeping does not know of, as another process would hold it
            other.lock();
            assertThat(JsonLinesJournal.deleteIfFinished(locked, "complete", cutoff)).isEqualTo(JournalStore.Removal.IN_USE);
        }
        assertThat(open).exists();
        assertThat(locked).exists();

        assertThat(JsonLinesJournal.deleteIfFinished(open, "complete", cutoff)).as("closed now").isEqualTo(JournalStore.Removal.DELETED);
        List<JsonNode> replayed = new ArrayList<>();
        try (JsonLinesJournal fresh = JsonLinesJournal.open(open, replayed::add)) {
            assertThat(replayed).isEmpty();
        }
    }

    private Path journal(String name, Instant modified, String... types) throws Exception {
        Path file = temp.resolve(name);
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            for (String type : types) {
                journal.append(Journal.line(type));
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
