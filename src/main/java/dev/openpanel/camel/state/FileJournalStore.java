package dev.openpanel.camel.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

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
        return entries(folder, name -> name.endsWith(SUFFIX), BasicFileAttributes::isRegularFile);
    }

    @Override
    public List<Path> listApiJournals(Path state, List<String> folders) {
        List<Path> journals = new ArrayList<>();
        for (Path api : entries(state, name -> true, BasicFileAttributes::isDirectory)) {
            for (String folder : folders) {
                journals.addAll(list(api.resolve(folder)));
            }
        }
        return journals;
    }

    /** The folder's entries whose names and attributes (links not followed) match, in order; none if it is missing. */
    private static List<Path> entries(Path folder, Predicate<String> names, Predicate<BasicFileAttributes> kind) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> names.test(p.getFileName().toString()) && is(p, kind)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static boolean is(Path path, Predicate<BasicFileAttributes> kind) {
        try {
            return kind.test(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return false;
        }
    }
}
