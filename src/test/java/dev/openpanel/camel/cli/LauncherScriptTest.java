package dev.openpanel.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/openpanel} in a copy of the project layout, with a JVM that only writes down its arguments: which options
 * each command gets, and that the class-data archive is used only when it was made after the jar.
 */
class LauncherScriptTest {

    private static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path home;

    private Path jar;
    private Path archive;

    @BeforeEach
    void aProjectWithAJarAndAJvmThatRecordsItsArguments() throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(Path.of("bin/openpanel"), home.resolve("bin/openpanel"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.writeString(Files.createDirectories(home.resolve("target")).resolve("openpanel-camel.jar"), "a jar");
        archive = home.resolve("target/openpanel-camel.jsa");
        Path java = Files.createDirectories(home.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aOneShotCommandGetsTheArchiveTheQuickCompilerAndTheSerialCollectorBeforeTheJarAndItsArguments() throws Exception {
        archiveMadeAfterTheJar();
        assertThat(launch("api", "projects", "list")).containsExactly("-XX:SharedArchiveFile=" + archive.toRealPath(),
                "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off", QUICK_COMPILER, "-XX:+UseSerialGC", "-jar",
                jar.toRealPath().toString(), "api", "projects", "list");
    }

    @Test
    void helpAndVersionAndCommandsAfterTheConfigOptionAreOneShotsToo() throws Exception {
        assertThat(launch("--help")).contains(QUICK_COMPILER);
        assertThat(launch("--version")).contains(QUICK_COMPILER);
        assertThat(launch("--config", "run", "import", "a.csv")).as("run is the value of --config here").contains(QUICK_COMPILER);
        assertThat(launch("--verbose", "cleanup")).contains(QUICK_COMPILER);
    }

    @Test
    void theServiceKeepsTheJvmsDefaultCompilerAndCollector() throws Exception {
        archiveMadeAfterTheJar();
        assertThat(launch()).containsExactly("-XX:SharedArchiveFile=" + archive.toRealPath(), "-Xshare:auto",
                "-Xlog:cds=off,cds+dynamic=off", "-jar", jar.toRealPath().toString());
        assertThat(launch("run", "--config", "team")).doesNotContain(QUICK_COMPILER).endsWith("run", "--config", "team");
        assertThat(launch("--config", "team")).doesNotContain(QUICK_COMPILER);
    }

    @Test
    void withoutAnArchiveOrWithOneOlderThanTheJarTheJvmReadsTheJarAlone() throws Exception {
        assertThat(launch("api", "projects", "list")).noneMatch(argument -> argument.contains("SharedArchiveFile"));
        Files.writeString(archive, "an archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(launch("api", "projects", "list")).as("an archive made before the jar was rebuilt")
                .noneMatch(argument -> argument.contains("SharedArchiveFile"));
    }

    @Test
    void withoutTheJarItSaysHowToBuildIt() throws Exception {
        Files.delete(jar);
        Process process = start(List.of());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(new String(process.getErrorStream().readAllBytes())).contains("mvn -q package");
    }

    private void archiveMadeAfterTheJar() throws Exception {
        Files.writeString(archive, "an archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    /** The arguments the launcher gave the JVM, one per line. */
    private List<String> launch(String... arguments) throws Exception {
        Process process = start(List.of(arguments));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
        return out.lines().toList();
    }

    private Process start(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/openpanel").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Files.createDirectories(home.resolve("elsewhere")).toFile());
        builder.environment().put("JAVA_HOME", home.resolve("jdk").toString());
        return builder.start();
    }
}
