package dev.openpanel.camel.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path data;

    @Test
    void secretsLiveIn0600FilesInA0700DirectoryEvenIfItExistedWithLooserPermissions() throws Exception {
        Files.createDirectories(data.resolve("secrets"));
        Files.setPosixFilePermissions(data.resolve("secrets"), PosixFilePermissions.fromString("rwxr-xr-x"));
        SecretFiles files = new SecretFiles(data);

        Path written = files.write("one.properties", "secret=a\n");
        Path appended = files.appendLine("batch.secrets.csv", "row,clientSecret", "1,sec_a");
        files.appendLine("batch.secrets.csv", "row,clientSecret", "2,sec_b");

        assertThat(permissions(data.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(permissions(written)).isEqualTo("rw-------");
        assertThat(permissions(appended)).isEqualTo("rw-------");
        assertThat(Files.readString(appended)).isEqualTo("row,clientSecret\n1,sec_a\n2,sec_b\n");
        assertThat(Files.readString(files.write("one.properties", "secret=b\n"))).isEqualTo("secret=b\n");
        try (var listing = Files.list(data.resolve("secrets"))) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("one.properties", "batch.secrets.csv");
        }
    }

    @Test
    void onlyPlainFileNamesAreAccepted() {
        SecretFiles files = new SecretFiles(data);
        assertThatThrownBy(() -> files.write("../escape", "x")).hasMessageContaining("not a plain file name");
        assertThatThrownBy(() -> files.write(".hidden", "x")).hasMessageContaining("not a plain file name");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void filesLastModifiedBeforeTheCutoffAreDeletedAndNamedLinksAndFoldersStay() throws Exception {
        SecretFiles files = new SecretFiles(data);
        Instant cutoff = Instant.parse("2026-11-24T00:00:00Z");
        Path old = files.appendLine("old.secrets.csv", "row,clientSecret", "1,sec_old");
        Path leftover = files.write("leftover.properties", "secret=x\n");
        Path recent = files.appendLine("recent.secrets.csv", "row,clientSecret", "1,sec_new");
        Files.setLastModifiedTime(old, FileTime.from(cutoff.minus(Duration.ofDays(3))));
        Files.setLastModifiedTime(leftover, FileTime.from(cutoff.minusMillis(1)));
        Files.setLastModifiedTime(recent, FileTime.from(cutoff));
        Path outside = Files.writeString(data.resolve("outside.txt"), "not a secret file");
        Files.setLastModifiedTime(outside, FileTime.from(cutoff.minus(Duration.ofDays(30))));
        Path link = Files.createSymbolicLink(files.directory().resolve("link"), outside);
        Path folder = Files.createDirectory(files.directory().resolve("folder"));
        Files.setLastModifiedTime(folder, FileTime.from(cutoff.minus(Duration.ofDays(30))));

        assertThat(files.deleteOlderThan(cutoff)).containsExactly("leftover.properties", "old.secrets.csv");

        assertThat(old).doesNotExist();
        assertThat(leftover).doesNotExist();
        assertThat(recent).exists();
        assertThat(link).isSymbolicLink();
        assertThat(outside).exists();
        assertThat(folder).isDirectory();
        assertThat(new SecretFiles(data.resolve("elsewhere")).deleteOlderThan(cutoff)).isEmpty();
    }
}
