package dev.openpanel.camel.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.openpanel.camel.files.PermissionRepair;
import dev.openpanel.camel.files.PrivateFiles;

/**
 * The one place that writes secrets to disk: files in {@code <data>/secrets/}, a directory only the owner can enter
 * (0700), each file readable only by the owner (0600) from the moment it exists. Writes are flushed to disk before
 * returning, so a secret that was reported written survives a crash.
 */
public final class SecretFiles {

    private final Path directory;

    public SecretFiles(Path dataDir) {
        this.directory = dataDir.resolve("secrets");
    }

    /** The secrets directory, created (or tightened) to 0700. */
    public synchronized Path directory() {
        try {
            PrivateFiles.createDirectories(directory);
            PermissionRepair.tighten(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the secrets directory " + directory, e);
        }
    }

    /** Writes (or replaces) a whole file atomically. */
    public synchronized Path write(String fileName, String content) {
        Path target = directory().resolve(checked(fileName));
        try {
            return PrivateFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
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
                PrivateFiles.createFile(target);
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

    /**
     * Rewrites a file (atomically) with its lines after the header ordered by the number they start with: lines
     * appended by rows finishing concurrently end up in row order.
     */
    public synchronized void sortByLeadingNumber(String fileName) {
        List<String> lines = lines(fileName);
        if (lines.size() < 3) {
            return;
        }
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        body.sort(Comparator.comparingLong(SecretFiles::leadingNumber));
        write(fileName, lines.get(0) + "\n" + String.join("\n", body) + "\n");
    }

    private static long leadingNumber(String line) {
        int end = 0;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return end == 0 || end > 18 ? Long.MAX_VALUE : Long.parseLong(line.substring(0, end));
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

    /**
     * Deletes every file of the directory last modified before the cutoff (leftovers of an interrupted write
     * included) and returns their names, in order. Links and folders are left alone.
     */
    public synchronized List<String> deleteOlderThan(Instant cutoff) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted.add(file.getFileName().toString());
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear old files from the secrets directory " + directory, e);
        }
    }

    private static String checked(String fileName) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        return fileName;
    }
}
