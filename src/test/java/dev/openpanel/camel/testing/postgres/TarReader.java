package dev.openpanel.camel.testing.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Unpacks a tar stream (ustar, with GNU long names): folders, regular files with their permission bits, and symbolic
 * links; nothing outside the target folder. Enough for the PostgreSQL binaries' archive, with no library whose
 * dependencies could clash with the project's.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    static void unpack(InputStream tar, Path target) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readBlock(tar, header)) {
            if (isZero(header)) {
                return;
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            int mode = Integer.parseInt(text(header, 100, 8).trim().isEmpty() ? "644" : text(header, 100, 8).trim(), 8);
            char type = (char) header[156];
            if (type == 'L') {
                longName = new String(tar.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
                skipPadding(tar, size);
                continue;
            }
            Path path = target.resolve(name).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("archive entry outside the target: " + name);
            }
            if (type == '5') {
                Files.createDirectories(path);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else if (type == '2') {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(text(header, 157, 100)));
            } else if (type == '1') {
                Files.createDirectories(path.getParent());
                Files.copy(target.resolve(text(header, 157, 100)).normalize(), path, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            } else if (type == '0' || type == 0) {
                Files.createDirectories(path.getParent());
                Files.copy(new Bounded(tar, size), path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                skipPadding(tar, size);
            } else {
                tar.skipNBytes(size);
                skipPadding(tar, size);
            }
        }
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        return read == BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        in.skipNBytes(padding);
    }

    /** The next {@code size} bytes of the stream, without closing it. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }
}
