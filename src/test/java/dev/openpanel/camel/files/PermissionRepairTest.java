package dev.openpanel.camel.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wider modes lose group and others' bits; links, their targets and pipes are never touched. */
class PermissionRepairTest {

    @TempDir
    Path temp;

    @Test
    void everyFolderAndRegularFileOfTheTreeLosesGroupAndOthersBitsAndTheCountSaysHowManyChanged() throws Exception {
        Path root = Files.createDirectories(temp.resolve("data/state/broker/journal"));
        Path data = temp.resolve("data");
        set(data, "rwxr-xr-x");
        set(data.resolve("state"), "rwxrwxrwx");
        set(data.resolve("state/broker"), "rwx------");
        set(root, "rwxr-x---");
        Path readable = set(Files.writeString(root.resolve("activemq-data-1.amq"), "x"), "rw-r--r--");
        Path executable = set(Files.writeString(data.resolve("tool.sh"), "x"), "rwxr-xr-x");
        Path privateAlready = set(Files.writeString(data.resolve("private"), "x"), "rw-------");

        assertThat(PermissionRepair.tree(data)).isEqualTo(5);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("state"))).isEqualTo("rwx------");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(readable)).isEqualTo("rw-------");
        assertThat(mode(executable)).as("owner bits stay").isEqualTo("rwx------");
        assertThat(mode(privateAlready)).isEqualTo("rw-------");
        assertThat(PermissionRepair.tree(data)).as("nothing left to do").isZero();
    }

    @Test
    void aLinkIsNotFollowedSoItsTargetOutsideKeepsItsModeAndAPipeIsLeftAlone() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data/inbox/.failed"));
        Path outside = set(Files.writeString(temp.resolve("outside.txt"), "not ours"), "rw-r--r--");
        Path outsideFolder = set(Files.createDirectories(temp.resolve("outside")), "rwxr-xr-x");
        Files.createSymbolicLink(data.resolve("link.csv"), outside);
        Files.createSymbolicLink(data.resolve("folder-link"), outsideFolder);
        Path pipe = data.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", "-m", "644", pipe.toString()).start().waitFor()).isZero();
        set(data, "rwx------");
        set(data.getParent(), "rwx------");
        set(temp.resolve("data"), "rwx------");

        assertThat(PermissionRepair.tree(temp.resolve("data"))).isZero();
        assertThat(PermissionRepair.tighten(data.resolve("link.csv"))).isFalse();

        assertThat(mode(outside)).isEqualTo("rw-r--r--");
        assertThat(mode(outsideFolder)).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-r--r--");
        assertThat(PermissionRepair.tighten(temp.resolve("gone"))).isFalse();
        assertThat(PermissionRepair.tree(temp.resolve("gone"))).isZero();
    }

    private static Path set(Path path, String mode) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
