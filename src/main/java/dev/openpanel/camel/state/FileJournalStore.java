package dev.openpanel.camel.state;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.files.FolderEntries;

/** Journals as JSON-lines files under the data directory ({@link JsonLinesJournal}): single-machine mode. */
public final class FileJournalStore implements JournalStore {

    private static final String SUFFIX = ".jsonl";

    @Override
    public Journal open(Path journal, Consumer<JsonNode> replay) {
        return JsonLinesJournal.open(journal, replay);
    }

    @Override
    public boolean read(Path journal, Consumer<JsonNode> consumer) {
        return JsonLinesJournal.read(journal, consumer);
    }

    @Override
    public Removal deleteIfFinished(Path journal, String finishedType, Instant cutoff) {
        return JsonLinesJournal.deleteIfFinished(journal, finishedType, cutoff);
    }

    @Override
    public List<Path> list(Path folder) {
        return FolderEntries.regularFiles(folder, name -> name.endsWith(SUFFIX));
    }

    @Override
    public List<Path> listApiJournals(Path state, List<String> folders) {
        List<Path> journals = new ArrayList<>();
        for (Path api : FolderEntries.matching(state, name -> true, BasicFileAttributes::isDirectory)) {
            for (String folder : folders) {
                journals.addAll(list(api.resolve(folder)));
            }
        }
        return journals;
    }
}
