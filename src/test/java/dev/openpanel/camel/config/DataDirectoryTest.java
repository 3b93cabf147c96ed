package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.testing.LogCapture;

/** Start-up makes the data directory owner only, repairing what an earlier version or a wide umask left, and says so once. */
class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryIsOwnerOnlyThroughoutAndSaysNothing() throws Exception {
        Path root = temp.resolve("fresh/data");
        String log;
        try (LogCapture capture = LogCapture.at(Level.INFO)) {
            new DataDirectory(root).create();
            log = capture.text();
        }
        try (Stream<Path> paths = Files.walk(temp.resolve("fresh"))) {
            assertThat(paths.toList()).hasSizeGreaterThan(9).allSatisfy(path -> assertThat(mode(path)).isEqualTo("rwx------"));
        }
        assertThat(log).doesNotContain("owner only");
    }

    @Test
    void widerModesOfTheLayoutAreRepairedOnceWithTheirCountWhileLinksAndOtherFilesBesideTheLayoutAreNotTouched() throws Exception {
        Path root = temp.resolve("data");
        for (String folder : List.of("inbox/projects/.done", "outbox", "state/broker/journal", "reports")) {
            Files.createDirectories(root.resolve(folder));
        }
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.toList()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path journal = wide(root.resolve("state/broker/journal/activemq-data-1.amq"));
        Path report = wide(root.resolve("reports/cleanup-20261101T030000Z.json"));
        Path done = wide(root.resolve("inbox/projects/.done/batch.csv"));
        Path outside = wide(temp.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("outbox/link.csv"), outside);
        Path beside = wide(root.resolve("notes.txt"));

        String first;
        try (LogCapture capture = LogCapture.at(Level.INFO)) {
            new DataDirectory(root).create();
            first = capture.text();
        }
        String second;
        try (LogCapture capture = LogCapture.at(Level.INFO)) {
            new DataDirectory(root).create();
            second = capture.text();
        }

        // data, inbox, inbox/projects, .done, outbox, state, state/broker, journal folder, reports: 9 folders; 3 files
        assertThat(first).contains("WARN").contains("12 folders and files in the data directory " + root
                + " could be read or written by group or others; they are owner only now");
        assertThat(second).as("repaired once: nothing left to say").doesNotContain("owner only");
        assertThat(List.of(journal, report, done)).allSatisfy(file -> assertThat(mode(file)).isEqualTo("rw-------"));
        assertThat(mode(root.resolve("state/broker/journal"))).isEqualTo("rwx------");
        assertThat(mode(outside)).as("a link's target is not the tool's").isEqualTo("rw-r--r--");
        assertThat(mode(beside)).as("not in the layout").isEqualTo("rw-r--r--");
        assertThat(mode(root.resolve("secrets"))).isEqualTo("rwx------");
    }

    private static Path wide(Path file) throws Exception {
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
