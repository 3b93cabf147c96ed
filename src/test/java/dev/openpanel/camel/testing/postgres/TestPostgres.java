package dev.openpanel.camel.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started by the project's own code: the binaries of
 * {@link PostgresBinaries}, a fresh data directory under the system's temporary directory, listening on 127.0.0.1 on a
 * free port, with password authentication over TCP. One server per test JVM ({@link #shared()}), started on first use
 * and stopped at JVM exit; each test class takes a database of its own ({@link #newDatabase()}).
 * <p>
 * PostgreSQL refuses to run as root, which everything here runs as: the server then runs as the unprivileged user
 * {@code nobody} ({@code runuser -u nobody --}), owning its data directory, which lies outside every folder of root's
 * that is closed to others. Run as another user, it simply runs as that user.
 */
public final class TestPostgres {

    /** The superuser the tests connect as. */
    public static final String USER = "openpanel";
    private static final String RUN_AS = "nobody";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    private final Path binaries;
    private final Path base;
    private final Path data;
    private final int port;
    private final String password = "pg-" + UUID.randomUUID();
    private final Duration startedIn;
    private Process server;

    private TestPostgres() throws IOException, InterruptedException {
        long start = System.nanoTime();
        binaries = PostgresBinaries.unpacked();
        base = Files.createTempDirectory("openpanel-test-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = base.resolve("data");
        Path socket = Files.createDirectory(base.resolve("socket"));
        ownByServerUser(socket);
        Files.createDirectory(data);
        ownByServerUser(data);
        Path passwordFile = Files.writeString(base.resolve("password"), password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        run(List.of(bin("initdb"), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"), base.resolve("initdb.log"));
        Files.delete(passwordFile);
        port = freePort();
        start();
        startedIn = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Test PostgreSQL 14 on 127.0.0.1:%d started in %d ms (data in %s)%n", port, startedIn.toMillis(), data);
    }

    /** The server of this JVM, started on first use (about 2 s) and stopped when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            try {
                shared = new TestPostgres();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
            }
            TestPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "test-postgres-teardown"));
        }
        return shared;
    }

    /** How long unpacking (first time on a machine), initdb and start took. */
    public Duration startedIn() {
        return startedIn;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database of its own for a test class and returns its JDBC URL. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Starts the server (again, after {@link #stop()}) on the same port and data, and waits until it takes connections. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> command = List.of(bin("postgres"), "-D", data.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-k", base.resolve("socket").toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200");
        ProcessBuilder builder = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("server.log").toFile()));
        server = builder.start();
        awaitReady();
    }

    /** Stops the server (fast shutdown: open connections are closed), as a database outage would. */
    public synchronized void stop() throws IOException, InterruptedException {
        run(List.of(bin("pg_ctl"), "-D", data.toString(), "stop", "-m", "fast", "-w"), base.resolve("pg_ctl.log"));
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("the test PostgreSQL exited with " + server.exitValue() + "; see " + base.resolve("server.log"));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password)) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(25);
            }
        }
        throw new IOException("the test PostgreSQL did not take connections within " + READY_TIMEOUT + ": " + last);
    }

    private void destroy() {
        try {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "stop", "-m", "immediate", "-w"), base.resolve("pg_ctl.log"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (server != null) {
                server.destroyForcibly();
            }
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the temporary directory's own cleaning
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " failed; see " + log + ":\n" + Files.readString(log));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", RUN_AS, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ownByServerUser(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName(RUN_AS));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
