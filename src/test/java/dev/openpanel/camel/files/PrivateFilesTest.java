package dev.openpanel.camel.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and files the tool creates are owner only from the start; files others created are made so when moved in. */
class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void createdFoldersAreOwnerOnlyDownTheWholeChainAndExistingOnesAreLeftAsTheyAre() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deep = PrivateFiles.createDirectories(temp.resolve("a/b/c"));

        assertThat(mode(temp.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(temp.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
        assertThat(mode(temp)).as("not the tool's to change").isEqualTo("rwxr-xr-x");
        assertThat(PrivateFiles.createDirectories(deep)).as("existing: nothing to do").isEqualTo(deep);
    }

    @Test
    void newFilesAre0600AndAWholeWriteReplacesTheOldContentAtOnce() throws Exception {
        Path created = PrivateFiles.createFile(temp.resolve("lock"));
        Path temporary = PrivateFiles.createTempFile(temp, ".out", ".tmp");
        Path written = PrivateFiles.write(temp.resolve("reports/report.json"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.write(written, "{\"a\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(created)).isEqualTo("rw-------");
        assertThat(mode(temporary)).isEqualTo("rw-------");
        assertThat(mode(written)).isEqualTo("rw-------");
        assertThat(mode(temp.resolve("reports"))).isEqualTo("rwx------");
        assertThat(Files.readString(written)).isEqualTo("{\"a\":2}");
        try (var listing = Files.list(temp.resolve("reports"))) {
            assertThat(listing).as("no temporary file is left behind").containsExactly(written);
        }
        assertThatThrownBy(() -> PrivateFiles.createFile(created)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void openingForWritingCreatesA0600FileOrOpensTheExistingOneAsItIs() throws Exception {
        Path file = temp.resolve("journal.jsonl");
        try (FileChannel channel = PrivateFiles.openForWriting(file)) {
            channel.write(ByteBuffer.wrap("one\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(mode(file)).isEqualTo("rw-------");

        try (FileChannel channel = PrivateFiles.openForWriting(file)) {
            assertThat(channel.size()).as("not truncated").isEqualTo(4);
        }
    }

    @Test
    void aFileMovedInFromOutsideBecomesOwnerOnly() throws Exception {
        Path dropped = Files.writeString(temp.resolve("batch.csv"), "name\nx\n");
        Files.setPosixFilePermissions(dropped, PosixFilePermissions.fromString("rw-rw-r--"));
        Path done = PrivateFiles.createDirectories(temp.resolve(".done"));

        Path moved = PrivateFiles.moveIn(dropped, done.resolve("batch.csv"));

        assertThat(mode(moved)).isEqualTo("rw-------");
        assertThat(dropped).doesNotExist();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
