package dev.openpanel.camel.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.openpanel.camel.OpenPanelCamelApplication;
import dev.openpanel.camel.simulator.ManageApiSimulator;

/**
 * Start-up of a one-shot command as a pipeline runs it, against the JVM floor: {@code api projects list} against a local
 * API (the simulator, in this process) and {@code --help}, each a fresh JVM of {@code target/openpanel-camel.jar} (the
 * test classpath when it is not built), from the project directory, run in turn (A B A B ...) so drift hits both;
 * prints the medians and their ratio. With {@code ONE_SHOT_BASELINE_JAR} set to the jar of an earlier build, its
 * {@code api projects list} runs in the same turns (A B C A B C ...), so a change is measured in the same conditions.
 * <p>
 * Run: {@code mvn -q package -DskipTests && mvn -q test-compile exec:exec@one-shot-benchmark}.
 */
public final class OneShotBenchmark {

    private static final int RUNS = 7;
    /** What users run; without it (no {@code mvn package} yet) the test classpath, whose 200 jars make it slower. */
    private static final Path JAR = Path.of("target/openpanel-camel.jar");
    /** An earlier build's jar to compare with, or unset. */
    private static final String BASELINE = System.getenv("ONE_SHOT_BASELINE_JAR");

    private OneShotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("one-shot-benchmark");
        Path jar = Files.isRegularFile(JAR) ? JAR : null;
        Path baseline = BASELINE == null || BASELINE.isBlank() ? null : Path.of(BASELINE);
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(1000, Duration.ofSeconds(1)).start()) {
            List<String> api = List.of("api", "projects", "list");
            List<String> help = List.of("--help");
            run(simulator, data, jar, api);
            run(simulator, data, jar, help);
            List<Double> apiSeconds = new ArrayList<>();
            List<Double> helpSeconds = new ArrayList<>();
            List<Double> baselineSeconds = new ArrayList<>();
            if (baseline != null) {
                run(simulator, data, baseline, api);
            }
            for (int i = 0; i < RUNS; i++) {
                apiSeconds.add(run(simulator, data, jar, api));
                helpSeconds.add(run(simulator, data, jar, help));
                if (baseline != null) {
                    baselineSeconds.add(run(simulator, data, baseline, api));
                }
            }
            double helpMedian = median(helpSeconds);
            System.out.printf(Locale.ROOT, "One-shot start-up of %s, %d runs each in turn after one warm-up (wall seconds, whole"
                    + " process)%n", jar != null ? "java -jar " + jar : "the test classpath (no jar: run mvn -q package first)",
                    RUNS);
            print("api projects list (local API)", apiSeconds);
            print("--help (the JVM floor)", helpSeconds);
            System.out.printf(Locale.ROOT, "ratio of the medians: %.1f x%n", median(apiSeconds) / helpMedian);
            if (baseline != null) {
                print("api projects list, " + baseline.getFileName(), baselineSeconds);
                System.out.printf(Locale.ROOT, "ratio of the medians (%s): %.1f x%n", baseline.getFileName(),
                        median(baselineSeconds) / helpMedian);
            }
        }
        System.exit(0);
    }

    private static void print(String label, List<Double> seconds) {
        System.out.printf(Locale.ROOT, "%-40s median %5.2f s  (min %5.2f, max %5.2f)%n", label, median(seconds),
                Collections.min(seconds), Collections.max(seconds));
    }

    /** One fresh JVM of the jar (the test classpath when null) with the arguments; its wall seconds. */
    private static double run(ManageApiSimulator simulator, Path data, Path jar, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jar != null ? List.of("-jar", jar.toString())
                : List.of("-cp", System.getProperty("java.class.path"), OpenPanelCamelApplication.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OPENPANEL_API_URL", simulator.url());
        builder.environment().put("OPENPANEL_CLIENT_ID", simulator.rootClient().id());
        builder.environment().put("OPENPANEL_CLIENT_SECRET", simulator.rootClient().secret());
        builder.environment().put("OPENPANEL_DATA_DIR", data.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
