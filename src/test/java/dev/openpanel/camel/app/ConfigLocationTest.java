package dev.openpanel.camel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.config.InvalidConfigurationException;

/** Where the configuration is looked for: a configuration directory, the project layout, or the jar's defaults. */
class ConfigLocationTest {

    @TempDir
    Path temp;

    @Test
    void withoutAConfigDirectoryOrAProjectLayoutTheJarsDefaultsAreUsed() {
        ConfigLocation location = ConfigLocation.resolve(null, temp);
        assertThat(location.properties()).isEqualTo("classpath:openpanel-defaults/config/application.properties");
        assertThat(location.routes()).isEqualTo("classpath:openpanel-defaults/routes/*.camel.yaml");
        assertThat(location.cleanupRules()).isEqualTo("classpath:openpanel-defaults/config/cleanup.yaml");
        assertThat(location.rotationRules()).isEqualTo("classpath:openpanel-defaults/config/rotation.yaml");
        assertThat(location.logConfig()).isNull();
        assertThat(getClass().getClassLoader().getResource("openpanel-defaults/routes/import.camel.yaml"))
                .as("the routes are packaged").isNotNull();
        assertThat(getClass().getClassLoader().getResource("openpanel-defaults/config/cleanup.yaml")).isNotNull();
    }

    @Test
    void theProjectLayoutInTheWorkingDirectoryKeepsWorkingAsBefore() throws Exception {
        Files.createDirectories(temp.resolve("config"));
        Files.writeString(temp.resolve("config/application.properties"), "");
        Files.writeString(temp.resolve("config/log4j2.xml"), "<Configuration/>");
        ConfigLocation location = ConfigLocation.resolve(null, temp);
        assertThat(location.properties()).isEqualTo("file:config/application.properties");
        assertThat(location.routes()).isEqualTo("file:routes/*.camel.yaml");
        assertThat(location.cleanupRules()).isEqualTo("config/cleanup.yaml");
        assertThat(location.rotationRules()).isEqualTo("config/rotation.yaml");
        assertThat(location.logConfig()).isEqualTo(Path.of("config/log4j2.xml"));
    }

    @Test
    void aConfigDirectoryReplacesEachPackagedPieceItHasAndOnlyThose() throws Exception {
        Path full = Files.createDirectories(temp.resolve("full/routes"));
        Files.writeString(temp.resolve("full/application.properties"), "");
        Files.writeString(temp.resolve("full/cleanup.yaml"), "rules: []\n");
        Files.writeString(temp.resolve("full/rotation.yaml"), "rules: []\n");
        ConfigLocation location = ConfigLocation.resolve("full", temp);
        assertThat(location.properties()).isEqualTo("file:" + temp.resolve("full/application.properties"));
        assertThat(location.routes()).isEqualTo("file:" + full + "/*.camel.yaml");
        assertThat(location.cleanupRules()).isEqualTo(temp.resolve("full/cleanup.yaml").toString());
        assertThat(location.rotationRules()).isEqualTo(temp.resolve("full/rotation.yaml").toString());

        Files.createDirectories(temp.resolve("config"));
        Files.writeString(temp.resolve("config/application.properties"), "");
        Files.createDirectories(temp.resolve("partial"));
        Files.writeString(temp.resolve("partial/application.properties"), "");
        ConfigLocation partial = ConfigLocation.resolve("partial", temp);
        assertThat(partial.properties()).as("the directory wins over the project layout")
                .isEqualTo("file:" + temp.resolve("partial/application.properties"));
        assertThat(partial.routes()).isEqualTo("classpath:openpanel-defaults/routes/*.camel.yaml");
        assertThat(partial.cleanupRules()).isEqualTo("classpath:openpanel-defaults/config/cleanup.yaml");
        assertThat(partial.rotationRules()).isEqualTo("classpath:openpanel-defaults/config/rotation.yaml");
    }

    @Test
    void aConfigDirectoryThatDoesNotExistIsAConfigurationError() {
        assertThatThrownBy(() -> ConfigLocation.resolve("no-such-dir", temp)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the configuration directory no-such-dir (--config, OPENPANEL_CONFIG_DIR) is not a directory.");
    }
}
