package dev.openpanel.camel.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import dev.openpanel.camel.OpenPanelCamelApplication;
import dev.openpanel.camel.simulator.ManageApiSimulator;

/**
 * Runs openpanel-camel as a separate JVM, in a working directory of its own holding a copy of the project's
 * {@code config/} and {@code routes/}, with the given environment. Output goes to a file the test can wait on.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * What bin/openpanel gives one-shot commands (the quick compiler only, the serial collector), here for the services
     * too: the tests' JVMs live for seconds, and on two cores the optimising compiler's threads only slow the others.
     */
    private static final List<String> ONE_SHOT_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final Path output;

    private ServiceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Prepares a working directory with the project's config and routes. */
    public static Path workingDirectory(Path parent) {
        try {
            Path dir = Files.createDirectories(parent.resolve("service"));
            copyTree(Path.of("config"), dir.resolve("config"));
            copyTree(Path.of("routes"), dir.resolve("routes"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Changes settings in the working directory's {@code config/application.properties}; each key must be there.
     */
    public static void configure(Path workingDirectory, Map<String, String> settings) {
        Path config = workingDirectory.resolve("config/application.properties");
        try {
            String text = Files.readString(config);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Pattern line = Pattern.compile("(?m)^" + Pattern.quote(setting.getKey()) + " = .*$");
                if (!line.matcher(text).find()) {
                    throw new IllegalArgumentException(setting.getKey() + " is not in " + config);
                }
                text = line.matcher(text).replaceFirst(java.util.regex.Matcher.quoteReplacement(setting.getKey() + " = " + setting.getValue()));
            }
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that points a process at the simulator as its root client (mutable). */
    public static Map<String, String> simulatorEnvironment(ManageApiSimulator simulator) {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("OPENPANEL_API_URL", simulator.url());
        environment.put("OPENPANEL_CLIENT_ID", simulator.rootClient().id());
        environment.put("OPENPANEL_CLIENT_SECRET", simulator.rootClient().secret());
        return environment;
    }

    /**
     * Starts the application's main with the arguments, in the directory, with these extra environment variables
     * (the HTTP port is a free one unless {@code OPENPANEL_HTTP_PORT} is given).
     */
    public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, String... arguments) {
        return startWithUmask(null, workingDirectory, environment, arguments);
    }

    /** {@link #start}, with the process's umask set first (e.g. {@code 022}); null keeps this process's. */
    public static ServiceProcess startWithUmask(String umask, Path workingDirectory, Map<String, String> environment,
            String... arguments) {
        ProcessBuilder builder = new ProcessBuilder(command(umask, ONE_SHOT_OPTIONS, arguments)).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("OPENPANEL_HTTP_PORT", String.valueOf(TestMains.freePort()));
        environment.forEach(builder.environment()::put);
        try {
            Path output = Files.createTempFile(workingDirectory, "output-", ".log");
            builder.redirectOutput(output.toFile());
            return new ServiceProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a one-shot command to its end and returns its exit code, stdout and stderr (kept apart).
     *
     * @throws AssertionError when it does not end within the timeout
     */
    public static Completed run(Path workingDirectory, Map<String, String> environment, Duration timeout, String... arguments) {
        return runWithUmask(null, workingDirectory, environment, timeout, arguments);
    }

    /** {@link #run}, with the process's umask set first (e.g. {@code 022}); null keeps this process's. */
    public static Completed runWithUmask(String umask, Path workingDirectory, Map<String, String> environment, Duration timeout,
            String... arguments) {
        ProcessBuilder builder = new ProcessBuilder(command(umask, ONE_SHOT_OPTIONS, arguments)).directory(workingDirectory.toFile());
        builder.environment().put("OPENPANEL_HTTP_PORT", String.valueOf(TestMains.freePort()));
        environment.forEach(builder.environment()::put);
        try {
            Path out = Files.createTempFile(workingDirectory, "stdout-", ".txt");
            Path err = Files.createTempFile(workingDirectory, "stderr-", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", arguments) + " did not end within " + timeout + "; stderr:\n"
                        + Files.readString(err));
            }
            return new Completed(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a one-shot command ended. */
    public record Completed(int exitCode, String stdout, String stderr) {
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the output matches the pattern (anywhere), or fails after the timeout. */
    public String awaitOutput(Pattern pattern, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("the process ended; it printed:\n" + output(), () -> !process.isAlive() && !pattern.matcher(output()).find())
                    .until(() -> pattern.matcher(output()).find());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + pattern + " within " + timeout + "; the process printed:\n" + output(), e);
        }
        return output();
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the process did not end within " + timeout + "; it printed:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process at once, as SIGKILL does: no shutdown hooks, no flushing. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Asks the process to stop (SIGTERM) and waits. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The JVM's command line; with a umask, through a shell that sets it and then becomes the JVM (same process). */
    private static List<String> command(String umask, List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        if (umask != null) {
            command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        command.add(javaBinary());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenPanelCamelApplication.class.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
