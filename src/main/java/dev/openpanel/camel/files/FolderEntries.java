package dev.openpanel.camel.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lists what a folder holds without following links: the tool's own files, never what a link points at. */
public final class FolderEntries {

    private FolderEntries() {
    }

    /** The regular files of a folder whose names match, in name order; none if the folder is missing. */
    public static List<Path> regularFiles(Path folder, Predicate<String> names) {
        return matching(folder, names, BasicFileAttributes::isRegularFile);
    }

    /** The folder's entries whose names and attributes (links not followed) match, in order; none if it is missing. */
    public static List<Path> matching(Path folder, Predicate<String> names, Predicate<BasicFileAttributes> kind) {
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
