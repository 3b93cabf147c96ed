package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Camel's file consumer never lists (folders, links to folders, names ending in .camelLock) gets an outcome too:
 * moved to .failed/ with the reason.
 */
class InboxFoldersTest {

    @TempDir
    Path temp;

    @Test
    void aFolderALinkToOneOrALockNamedFileInAnInboxIsMovedToFailedWithTheReasonAndGoodFilesStillImport() throws Exception {
        try (ImportFixture app = ImportFixture.start(temp.resolve("data"))) {
            Path inbox = app.data.resolve("inbox/projects");
            Path folder = Files.createDirectory(inbox.resolve("batch-folder"));
            Files.writeString(folder.resolve("inside.csv"), "name\nInside Folder\n");
            Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
            Files.createSymbolicLink(inbox.resolve("linked-folder"), elsewhere);
            Path lockName = Files.writeString(inbox.resolve("stray.csv.camelLock"), "name\nStray\n");

            await().atMost(Duration.ofSeconds(15)).until(() -> !Files.exists(folder) && !Files.exists(lockName)
                    && !Files.exists(inbox.resolve("linked-folder"), java.nio.file.LinkOption.NOFOLLOW_LINKS));

            assertThat(inbox.resolve(".failed")).isDirectoryContaining(p -> p.getFileName().toString().contains("batch-folder"));
            assertThat(Files.isSymbolicLink(elsewhere)).isFalse();
            assertThat(Files.exists(elsewhere)).as("the link's target is never touched").isTrue();
            try (var errors = Files.list(app.data.resolve("errors"))) {
                assertThat(errors.map(ImportFixture::read)).anySatisfy(text -> assertThat(text)
                        .contains("it is a folder; only CSV files directly in the inbox are imported"));
            }
            assertThat(app.simulator.store().projects()).noneMatch(p -> p.name().equals("Inside Folder"));

            app.drop("projects", "good.csv", "name\nGood After Folder\n");
            app.awaitLeft("projects", "good.csv");
            assertThat(app.results("good")).contains("created");
        }
    }
}
