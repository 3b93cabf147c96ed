package dev.openpanel.camel.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.openpanel.camel.OpenPanelCamelApplication;
import dev.openpanel.camel.simulator.ManageApiSimulator;

/**
 * Start-up of a one-shot command as a pipeline runs it, against the JVM floor: {@code api projects list} against a local
 * API (the simulator, in this process) and {@code --help}, each a fresh JVM, from the project directory, run in turn
 * (A B C D A B C D ...) so drift hits all alike; prints the medians and their ratios. Both commands run two ways: through
 * the launcher {@code bin/openpanel} (the class-data archive of {@link ClassDataArchive}, one-shot JVM options) and as
 * plain {@code java -jar target/openpanel-camel.jar} (the test classpath when the jar is not built: then no launcher).
 * {@code api projects list} also runs from a directory without {@code config/} or {@code routes/} (the jar's defaults),
 * as from a pipeline's work space. With {@code ONE_SHOT_BASELINE_JAR} set to the jar of an earlier build, its
 * {@code api projects list} (plain {@code java -jar}, from both directories) runs in the same turns, so a change is
 * measured in the same conditions.
 * <p>
 * Run: {@code mvn -q package -DskipTests && mvn -q test-compile exec:exec@one-shot-benchmark}.
 */
public final class OneShotBenchmark {

    private static final int RUNS = 7;
    /** What users run; without it (no {@code mvn package} yet) the test classpath, whose 200 jars make it slower. */
    private static final Path JAR = ClassDataArchive.JAR;
    private static final Path LAUNCHER = Path.of("bin/openpanel");
    /** An earlier build's jar to compare with, or unset. */
    private static final String BASELINE = System.getenv("ONE_SHOT_BASELINE_JAR");
    private static final List<String> API = List.of("api", "projects", "list");
    private static final List<String> HELP = List.of("--help");

    private OneShotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("one-shot-benchmark");
        Path elsewhere = Files.createTempDirectory("one-shot-elsewhere");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        boolean built = Files.isRegularFile(JAR);
        List<String> plain = built ? List.of(java, "-jar", JAR.toAbsolutePath().toString())
                : List.of(java, "-cp", System.getProperty("java.class.path"), OpenPanelCamelApplication.class.getName());
        List<String> launcher = List.of("sh", LAUNCHER.toAbsolutePath().toString());
        Map<String, Run> runs = new LinkedHashMap<>();
        if (built) {
            runs.put("bin/openpanel api projects list", new Run(concat(launcher, API), null));
            runs.put("bin/openpanel --help", new Run(concat(launcher, HELP), null));
        }
        runs.put("java -jar: api projects list", new Run(concat(plain, API), null));
        runs.put("java -jar: --help", new Run(concat(plain, HELP), null));
        if (built) {
            runs.put("bin/openpanel api projects list, elsewhere", new Run(concat(launcher, API), elsewhere));
            runs.put("java -jar: api projects list, elsewhere", new Run(concat(plain, API), elsewhere));
        }
        String baseline = BASELINE == null || BASELINE.isBlank() ? null : Path.of(BASELINE).getFileName().toString();
        if (baseline != null) {
            List<String> earlier = List.of(java, "-jar", Path.of(BASELINE).toAbsolutePath().toString());
            runs.put("java -jar " + baseline + ": api projects list", new Run(concat(earlier, API), null));
            runs.put("java -jar " + baseline + ": api projects list, elsewhere", new Run(concat(earlier, API), elsewhere));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start()) {
            OneShotEnvironment environment = OneShotEnvironment.of(simulator, data);
            for (Run run : runs.values()) {
                run.time(environment);
            }
            for (int i = 0; i < RUNS; i++) {
                for (Map.Entry<String, Run> entry : runs.entrySet()) {
                    seconds.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue().time(environment));
                }
            }
        }
        System.out.printf(Locale.ROOT, "One-shot start-up, %d runs each in turn after one warm-up (wall seconds, whole process;"
                + " elsewhere: from a directory without config/ or routes/, with the jar's defaults)%n", RUNS);
        if (built) {
            System.out.println("bin/openpanel: " + (Files.isRegularFile(ClassDataArchive.ARCHIVE)
                    ? "with the class-data archive " + ClassDataArchive.ARCHIVE : "WITHOUT a class-data archive (none was made)"));
        } else {
            System.out.println("java -jar: the test classpath (no jar: run mvn -q package first)");
        }
        seconds.forEach(OneShotBenchmark::print);
        if (built) {
            ratio("bin/openpanel", seconds.get("bin/openpanel api projects list"), seconds.get("bin/openpanel --help"));
        }
        List<Double> floor = seconds.get("java -jar: --help");
        ratio("java -jar", seconds.get("java -jar: api projects list"), floor);
        if (baseline != null) {
            ratio("java -jar " + baseline, seconds.get("java -jar " + baseline + ": api projects list"), floor);
        }
        System.exit(0);
    }

    /** A command and the directory it runs from (null: the project directory). */
    private record Run(List<String> command, Path directory) {

        /** One fresh JVM of the command; its wall seconds. */
        double time(OneShotEnvironment environment) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            environment.applyTo(builder);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void print(String label, List<Double> seconds) {
        System.out.printf(Locale.ROOT, "%-52s median %5.2f s  (min %5.2f, max %5.2f)%n", label, median(seconds),
                Collections.min(seconds), Collections.max(seconds));
    }

    private static void ratio(String label, List<Double> api, List<Double> help) {
        System.out.printf(Locale.ROOT, "%-52s api projects list / --help: %.1f x%n", label, median(api) / median(help));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
