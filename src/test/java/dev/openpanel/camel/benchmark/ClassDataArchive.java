package dev.openpanel.camel.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.openpanel.camel.simulator.ManageApiSimulator;

/**
 * Makes the class-data archive that {@code bin/openpanel} hands to the JVM, {@code target/openpanel-camel.jsa}: one
 * training run of {@code api projects list} from the jar against a local API (the simulator, in this process), which
 * the JVM dumps at its exit ({@code -XX:ArchiveClassesAtExit}, JDK 17's dynamic archive). Run by {@code mvn package}
 * after the jar is built. It never fails the build: when the archive cannot be made it says why and leaves none, and
 * the launcher then runs the plain jar.
 */
public final class ClassDataArchive {

    /** The jar, by its real path: the JVM accepts an archive only for the class path it was made with. */
    static final Path JAR = Path.of("target/openpanel-camel.jar");
    /** Where the launcher looks for the archive, beside the jar. */
    static final Path ARCHIVE = Path.of("target/openpanel-camel.jsa");
    /** Where the training run writes it, moved in place only once checked: the JVM crashes on a truncated archive. */
    private static final Path TRAINING = Path.of("target/openpanel-camel.jsa.training");

    private ClassDataArchive() {
    }

    public static void main(String[] args) {
        try {
            Files.deleteIfExists(ARCHIVE);
            String outcome = make();
            System.out.println("[class-data archive] " + outcome);
        } catch (Exception e) {
            deleteQuietly();
            System.out.println("[class-data archive] none (bin/openpanel runs the plain jar): " + e);
        }
        System.exit(0);
    }

    private static String make() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            return "none: " + JAR + " is not built";
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = JAR.toRealPath().toString();
        Files.deleteIfExists(TRAINING);
        Path data = Files.createTempDirectory("class-data-training");
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start()) {
            int exit = run(List.of(java, "-XX:ArchiveClassesAtExit=" + TRAINING.toAbsolutePath(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar, "api", "projects", "list"), OneShotEnvironment.of(simulator, data));
            if (exit != 0 || !Files.isRegularFile(TRAINING)) {
                Files.deleteIfExists(TRAINING);
                return "none: the training run of api projects list " + (exit < 0 ? "did not end within 2 minutes" : "exited " + exit);
            }
            // -Xshare:on refuses to start with an archive it cannot map, where bin/openpanel's -Xshare:auto would go on.
            exit = run(List.of(java, "-XX:SharedArchiveFile=" + TRAINING.toAbsolutePath(), "-Xshare:on", "-jar", jar, "--version"),
                    OneShotEnvironment.of(simulator, data));
            if (exit != 0) {
                Files.deleteIfExists(TRAINING);
                return "none: the JVM does not accept the archive of the training run (--version with it exited " + exit + ")";
            }
            Files.move(TRAINING, ARCHIVE, StandardCopyOption.ATOMIC_MOVE);
            return String.format(Locale.ROOT, "%s (%.0f MB, from a run of api projects list; used by bin/openpanel)",
                    ARCHIVE, Files.size(ARCHIVE) / 1e6);
        }
    }

    /** Runs the command against the simulator; its exit code, or -1 when it did not end within 2 minutes. */
    private static int run(List<String> command, OneShotEnvironment environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment.applyTo(builder);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void deleteQuietly() {
        try {
            Files.deleteIfExists(TRAINING);
            Files.deleteIfExists(ARCHIVE);
        } catch (IOException e) {
            // Nothing more to do: a broken archive is refused by the JVM, which then reads the jar.
        }
    }
}
