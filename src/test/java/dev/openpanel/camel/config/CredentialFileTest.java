package dev.openpanel.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.logging.SecretMasker;
import dev.openpanel.camel.testing.LogCapture;

/** A credential file is read again when it changes, at most once per check interval, and keeps its last good value. */
class CredentialFileTest {

    @TempDir
    Path temp;

    @Test
    void aChangedFileIsReadAgainAtTheNextCallAndItsSecretIsMasked() throws Exception {
        Path file = Files.writeString(temp.resolve("secret"), "first-secret-1a2b\n");
        CredentialFile credential = CredentialFile.open("openpanel.client-secret", file, true);
        assertThat(credential.get()).isEqualTo("first-secret-1a2b");

        assertThat(credential.get()).isEqualTo("first-secret-1a2b");
        try (LogCapture log = LogCapture.at(Level.INFO)) {
            replace(file, "second-secret-3c4d\n");
            assertThat(credential.get()).isEqualTo("second-secret-3c4d");
            assertThat(credential.get()).isEqualTo("second-secret-3c4d");
            org.slf4j.LoggerFactory.getLogger(CredentialFile.class).info("one line");
            assertThat(occurrences(log.text(), "openpanel.client-secret changed; using the new value from " + file.toAbsolutePath()))
                    .as("said once, like a line logged once").isEqualTo(occurrences(log.text(), "one line")).isPositive();
            assertThat(log.text())
                    .doesNotContain("second-secret-3c4d").doesNotContain("first-secret-1a2b");
        }
        assertThat(SecretMasker.mask("a second-secret-3c4d b first-secret-1a2b"))
                .isEqualTo("a " + SecretMasker.MASK + " b " + SecretMasker.MASK);
    }

    @Test
    void aRewriteOfTheSameSizeInPlaceIsSeenToo() throws Exception {
        Path file = Files.writeString(temp.resolve("token"), "token-aaaa");
        CredentialFile credential = CredentialFile.open("openpanel.intake.token", file, true);
        Files.writeString(file, "token-bbbb");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(credential.get()).isEqualTo("token-bbbb");
    }

    @Test
    void aFileThatVanishesOrIsEmptiedLaterKeepsTheLastValueAndSaysSoOnceNamingTheFile() throws Exception {
        Path file = Files.writeString(temp.resolve("id"), "kept-value-9z9z\r\n");
        CredentialFile credential = CredentialFile.open("openpanel.client-id", file, false);
        assertThat(credential.get()).isEqualTo("kept-value-9z9z");
        try (LogCapture log = LogCapture.at(Level.WARN)) {
            Files.delete(file);
            for (int i = 0; i < 3; i++) {
                assertThat(credential.get()).isEqualTo("kept-value-9z9z");
            }
            assertThat(log.text()).contains("openpanel.client-id could not be read again (" + file.toAbsolutePath()
                    + " does not exist); keeping the value read before");
            org.slf4j.LoggerFactory.getLogger(CredentialFile.class).warn("one line");
            assertThat(occurrences(log.text(), "could not be read again")).as("logged once, like a line logged once")
                    .isEqualTo(occurrences(log.text(), "one line"));
            replace(file, "\n");
            assertThat(credential.get()).isEqualTo("kept-value-9z9z");
            replace(file, "new-value-8y8y\n");
            assertThat(credential.get()).isEqualTo("new-value-8y8y");
        }
    }

    @Test
    void aMissingOrEmptyFileAtStartUpIsAnErrorNamingTheFileNotItsContent() throws Exception {
        Path missing = temp.resolve("no-such-secret");
        assertThatThrownBy(() -> CredentialFile.open("openpanel.client-secret", missing, true))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("openpanel.client-secret.file (OPENPANEL_CLIENT_SECRET_FILE) names " + missing.toAbsolutePath()
                        + ", which does not exist.");
        Path empty = Files.writeString(temp.resolve("empty"), " \n");
        assertThatThrownBy(() -> CredentialFile.open("openpanel.provisioning.embedded-broker.password", empty, true))
                .hasMessage("openpanel.provisioning.embedded-broker.password.file (OPENPANEL_EMBEDDED_BROKER_PASSWORD_FILE) names "
                        + empty.toAbsolutePath() + ", which is empty.");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** Writes a new file and renames it over the old one, as a secret mount is updated. */
    private void replace(Path file, String content) throws Exception {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
