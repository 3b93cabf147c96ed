package dev.openpanel.camel.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Takes group and others' permissions away from folders and files that were created wider than owner only: by an
 * earlier version, by a user, or by third-party code that cannot be told a mode (the broker's journal, Camel's lock
 * files). Links are never followed (a link's target is not the tool's), and anything that is neither a folder nor a
 * regular file (a pipe, a socket) is left alone.
 */
public final class PermissionRepair {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PermissionRepair() {
    }

    /** Makes one folder or regular file owner only; whether its mode had to change (false for a path that is gone). */
    public static boolean tighten(Path path) throws IOException {
        if (!PrivateFiles.POSIX) {
            return false;
        }
        try {
            return tighten(path, Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Makes every folder and regular file of the tree owner only, the root included; returns how many had to change.
     * A missing root counts 0; paths that vanish or cannot be read during the walk are skipped.
     */
    public static int tree(Path root) {
        if (!PrivateFiles.POSIX || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] tightened = { 0 };
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    count(dir, attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    count(file, attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private void count(Path path, BasicFileAttributes attributes) {
                    try {
                        boolean changed = attributes instanceof PosixFileAttributes posix ? tighten(path, posix) : tighten(path);
                        tightened[0] += changed ? 1 : 0;
                    } catch (IOException e) {
                        // gone or replaced meanwhile: nothing of ours to tighten
                    }
                }
            });
        } catch (IOException e) {
            // the visitor swallows every failure; walkFileTree declares it anyway
        }
        return tightened[0];
    }

    private static boolean tighten(Path path, PosixFileAttributes attributes) throws IOException {
        if (!attributes.isDirectory() && !attributes.isRegularFile()) {
            return false;
        }
        Set<PosixFilePermission> mode = new HashSet<>(attributes.permissions());
        if (!mode.removeAll(OTHERS)) {
            return false;
        }
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
        return true;
    }
}
