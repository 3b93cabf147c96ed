package dev.openpanel.camel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The crash-safe journal: replay in order, a torn last line cut off, one holder at a time. */
class JsonLinesJournalTest {

    @TempDir
    Path temp;

    @Test
    void linesAreReplayedInOrderAndALineTornByACrashIsCutOffBeforeTheNextAppend() throws Exception {
        Path file = temp.resolve("state/journal.jsonl");
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            journal.append(JsonLinesJournal.line("intent").put("step", "a"));
            journal.append(JsonLinesJournal.line("done").put("step", "a"));
        }
        Files.writeString(file, Files.readString(file) + "{\"t\":\"intent\",\"st");

        List<String> replayed = new ArrayList<>();
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> replayed.add(line.path("t").asText()))) {
            journal.append(JsonLinesJournal.line("complete"));
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
}
