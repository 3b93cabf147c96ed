package dev.openpanel.camel.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the jobs keep their journals. A journal is named by the path it has under the data directory
 * ({@code state/<api>/imports/<kind>-<digest>.jsonl} and the like), whatever keeps it: JSON-lines files there on one
 * machine ({@link FileJournalStore}), or rows in the cluster's database when several instances share the work.
 */
public interface JournalStore {

    /** What {@link #deleteIfFinished} did with a journal. */
    enum Removal {
        /** Finished, old enough and not in use: deleted. */
        DELETED,
        /** Changed after the cutoff: kept. */
        RECENT,
        /** Old, but its work has no finishing line yet: kept. */
        UNFINISHED,
        /** Open (here or elsewhere): kept. */
        IN_USE
    }

    /**
     * Opens (or creates) a journal, handing every line written before to {@code replay}, in order; waits while
     * another process or instance has it open.
     *
     * @throws IllegalStateException when this process has it open already (the same work would run twice)
     * @throws java.io.UncheckedIOException when the journal cannot be read or opened
     */
    Journal open(Path journal, Consumer<JsonNode> replay);

    /**
     * Reads the lines of a journal without opening it for writing or waiting for it: a snapshot for readers that
     * only report.
     *
     * @return false when there is no such journal
     */
    boolean read(Path journal, Consumer<JsonNode> consumer);

    /** Deletes a journal with a line of type {@code finishedType} last changed before the cutoff, unless it is in use. */
    Removal deleteIfFinished(Path journal, String finishedType, Instant cutoff);

    /** The journals directly in a folder, in name order; none when it has none. */
    List<Path> list(Path folder);

    /** The journals in the folders named {@code folders} of every API under {@code state}, in name order. */
    List<Path> listApiJournals(Path state, List<String> folders);
}
