package dev.openpanel.camel.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The one way the tool creates folders and files under its data directory: folders are 0700 and files 0600 from the
 * moment they exist, and exactly that whatever the process umask (the mode is asked for at creation, so nothing is
 * ever wider, and set again afterwards, since a umask can only narrow it). On a file system without POSIX
 * permissions these are the plain {@link Files} operations.
 */
public final class PrivateFiles {

    /** Owner only: {@code rwx------}. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Owner only: {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder and its missing parents, each 0700; folders that exist are left as they are. */
    public static Path createDirectories(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, attributes(FOLDER));
                setMode(p, FOLDER);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        return folder;
    }

    /** Creates a new, empty file (0600); fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        Files.createFile(file, attributes(FILE));
        setMode(file, FILE);
        return file;
    }

    /** Creates a new, empty temporary file (0600) in the folder. */
    public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(folder, prefix, suffix, attributes(FILE));
        setMode(file, FILE);
        return file;
    }

    /** Opens a file for writing, creating it (0600) when it does not exist; an existing file keeps its mode. */
    public static FileChannel openForWriting(Path file) throws IOException {
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes(FILE));
            setMode(file, FILE);
            return channel;
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        }
    }

    /**
     * Writes (or replaces) a whole file (0600), creating its folders (0700): a temporary file in the same folder,
     * forced to disk, then moved into place, so a reader never sees half a file and a crash leaves the old one.
     */
    public static Path write(Path target, byte[] content) throws IOException {
        Path folder = createDirectories(target.toAbsolutePath().getParent());
        Path temporary = createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Moves a file that someone else created (a dropped input file) into a folder of the tool's, and makes it owner
     * only ({@link PermissionRepair#tighten}, just before the move, so the file leaves its folder in one step; a
     * symbolic link is moved as it is, its target never touched).
     */
    public static Path moveIn(Path source, Path destination) throws IOException {
        PermissionRepair.tighten(source);
        return Files.move(source, destination);
    }

    private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> mode) {
        return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(mode) } : new FileAttribute<?>[0];
    }
}
