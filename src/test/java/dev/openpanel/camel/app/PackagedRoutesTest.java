package dev.openpanel.camel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged route files are named one by one from a jar's index, so that Camel need not read the jar through. */
class PackagedRoutesTest {

    @TempDir
    Path temp;

    @Test
    void inAJarThePackagedPatternBecomesItsRouteFilesByNameWithoutSubfoldersOrOtherFiles() throws Exception {
        Path jar = jar("openpanel-defaults/routes/", "openpanel-defaults/routes/import.camel.yaml",
                "openpanel-defaults/routes/cleanup.camel.yaml", "openpanel-defaults/routes/README.md",
                "openpanel-defaults/routes/old/former.camel.yaml", "openpanel-defaults/config/cleanup.yaml", "routes/other.camel.yaml");
        assertThat(PackagedRoutes.named(PackagedRoutes.PATTERN, jar)).isEqualTo(
                "classpath:openpanel-defaults/routes/cleanup.camel.yaml,classpath:openpanel-defaults/routes/import.camel.yaml");
    }

    @Test
    void otherPatternsAJarWithoutRouteFilesAndAnUnreadableJarKeepThePattern() throws Exception {
        Path jar = jar("openpanel-defaults/routes/import.camel.yaml");
        assertThat(PackagedRoutes.named("file:routes/*.camel.yaml", jar)).isEqualTo("file:routes/*.camel.yaml");
        assertThat(PackagedRoutes.named(PackagedRoutes.PATTERN, jar("openpanel-defaults/config/application.properties")))
                .isEqualTo(PackagedRoutes.PATTERN);
        assertThat(PackagedRoutes.named(PackagedRoutes.PATTERN, Files.writeString(temp.resolve("not-a.jar"), "text")))
                .isEqualTo(PackagedRoutes.PATTERN);
    }

    @Test
    void fromAClassesDirectoryAsUnderMavenThePatternStays() {
        assertThat(PackagedRoutes.named(PackagedRoutes.PATTERN)).isEqualTo(PackagedRoutes.PATTERN);
    }

    private Path jar(String... entries) throws Exception {
        Path jar = Files.createTempFile(temp, "defaults", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.closeEntry();
            }
        }
        return jar;
    }
}
