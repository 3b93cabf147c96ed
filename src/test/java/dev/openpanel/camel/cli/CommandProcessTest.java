package dev.openpanel.camel.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.simulator.ManageApiSimulator;
import dev.openpanel.camel.testing.ServiceProcess;

/** Commands run as real processes, in a working directory of their own, against one simulator per test class. */
abstract class CommandProcessTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    static ManageApiSimulator simulator;
    static Path dir;

    @BeforeAll
    static void start() {
        simulator = ManageApiSimulator.builder().rateLimit(50, Duration.ofSeconds(1)).start();
        dir = ServiceProcess.workingDirectory(temp);
        ServiceProcess.configure(dir, Map.of("openpanel.retry.max-retries", "1", "openpanel.retry.backoff", "20ms"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** The environment of a command that talks to the simulator as its root client (mutable). */
    static Map<String, String> environment() {
        return ServiceProcess.simulatorEnvironment(simulator);
    }
}
