package dev.openpanel.camel.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The one place that writes secrets to disk: files in {@code <data>/secrets/}, a directory only the owner can enter
 * (0700), each file readable only by the owner (0600) from the moment it exists. Writes are flushed to disk before
 * returning, so a secret that was reported written survives a crash.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    public SecretFiles(Path dataDir) {
        this.directory = dataDir.resolve("secrets");
    }

    /** The secrets directory, created (or tightened) to 0700. */
    public synchronized Path directory() {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, attributes(DIRECTORY));
            }
            if (POSIX) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the secrets directory " + directory, e);
        }
    }

    /** Writes (or replaces) a whole file atomically. */
    public synchronized Path write(String fileName, String content) {
        Path target = directory().resolve(checked(fileName));
        try {
            Path temporary = Files.createTempFile(directory, ".writing-", ".tmp", attributes(FILE));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secrets file " + target, e);
        }
    }

    /** Appends a line to a file, creating it (0600) with the header line first. */
    public synchronized Path appendLine(String fileName, String header, String line) {
        Path target = directory().resolve(checked(fileName));
        try {
            boolean created = !Files.exists(target);
            if (created) {
                Files.createFile(target, attributes(FILE));
            }
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                String text = (created && header != null ? header + "\n" : "") + line + "\n";
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the secrets file " + target, e);
        }
    }

    /** Whether a line of the file (header included) starts with the prefix; false when the file does not exist. */
    public synchronized boolean hasLineStartingWith(String fileName, String prefix) {
        Path target = directory.resolve(checked(fileName));
        if (!Files.exists(target)) {
            return false;
        }
        try (var lines = Files.lines(target, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.startsWith(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets file " + target, e);
        }
    }

    /** The lines of a file (header included); empty when the file does not exist. */
    public synchronized List<String> lines(String fileName) {
        Path target = directory.resolve(checked(fileName));
        if (!Files.exists(target)) {
            return List.of();
        }
        try {
            return Files.readAllLines(target, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets file " + target, e);
        }
    }

    private static String checked(String fileName) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        return fileName;
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) } : new FileAttribute<?>[0];
    }
}
