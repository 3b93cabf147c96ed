package dev.openpanel.camel.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JsonLinesJournal;
import dev.openpanel.camel.testing.LogCapture;

/**
 * The retention run on real files, with an injected clock: what is old goes (secret files by age alone, journals
 * only when finished and not open, reports), what is recent, unfinished, in use or the broker's stays.
 */
class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:30:00Z");
    private static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30));

    @TempDir
    Path temp;

    @Test
    void oldSecretsFinishedJournalsAndReportsAreDeletedByNameAndNothingUnfinishedInUseOrOfTheBrokerIs() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data")).create();
        Path oldSecrets = age(data.secrets().appendLine("projects.secrets.csv", "row,clientSecret", "1,sec_0123456789abcdef0123"), 8);
        Path newSecrets = age(data.secrets().appendLine("deployment-d1-1234abcd.secrets.csv", "h", "c,p,read,sec_a"), 6);
        Path api = data.apiState("https://api.openpanel.dev");
        Path finishedImport = journal(api.resolve("imports/projects-aaa.jsonl"), 31, "result", "complete");
        Path finishedEvent = journal(api.resolve("provisioning/bbb.jsonl"), 45, "received", "done", "complete");
        Path otherApi = journal(data.apiState("http://127.0.0.1:41234").resolve("provisioning/ccc.jsonl"), 60, "received", "complete");
        Path recentImport = journal(api.resolve("imports/clients-ddd.jsonl"), 29, "result", "complete");
        Path pausedImport = journal(api.resolve("imports/clients-eee.jsonl"), 90, "intent", "result");
        Path stuckEvent = journal(api.resolve("provisioning/fff.jsonl"), 90, "received", "intent");
        Path openEvent = journal(api.resolve("provisioning/ggg.jsonl"), 90, "received", "complete");
        Path oldReport = age(Files.writeString(data.reports().resolve("cleanup-20261001T030000Z.json"), "{}"), 31);
        Path newReport = age(Files.writeString(data.reports().resolve("cleanup-20261120T030000Z.json"), "{}"), 11);
        Path brokerJournal = age(Files.writeString(Files.createDirectories(data.state().resolve("broker/journal"))
                .resolve("activemq-data-1.amq"), "complete"), 90);
        Path wideLeftover = Files.writeString(data.root().resolve("inbox/projects/batch.csv.camelLock"), "");
        Files.setPosixFilePermissions(wideLeftover, PosixFilePermissions.fromString("rw-r--r--"));

        RetentionReport report;
        String log;
        try (LogCapture capture = LogCapture.at(Level.INFO);
                JsonLinesJournal holder = JsonLinesJournal.open(openEvent, line -> { })) {
            age(openEvent, 90);
            report = job(data, DEFAULTS).run();
            log = capture.text();
        }

        assertThat(report.secrets()).containsExactly("secrets/projects.secrets.csv");
        assertThat(report.journals()).containsExactlyInAnyOrder(relative(data, finishedImport), relative(data, finishedEvent),
                relative(data, otherApi));
        assertThat(report.reports()).containsExactly("reports/cleanup-20261001T030000Z.json");
        assertThat(report.unfinished()).isEqualTo(2);
        assertThat(report.inUse()).isEqualTo(1);
        // written here with the umask's modes, as third-party code writes: the report left, the broker's folders and file, the lock
        assertThat(report.tightened()).isEqualTo(5);
        assertThat(List.of(oldSecrets, finishedImport, finishedEvent, otherApi, oldReport)).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(List.of(newSecrets, recentImport, pausedImport, stuckEvent, openEvent, newReport, brokerJournal))
                .allSatisfy(f -> assertThat(f).exists());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wideLeftover))).isEqualTo("rw-------");

        assertThat(log).contains("Retention deleted secrets/projects.secrets.csv")
                .contains("Retention deleted " + relative(data, finishedEvent))
                .contains("Retention deleted reports/cleanup-20261001T030000Z.json")
                .contains("Retention run: deleted 1 secret files older than 7d; deleted 3 finished journals and 1 reports older "
                        + "than 30d, kept 2 old unfinished journals and 1 in use; made 5 folders and files owner only")
                .doesNotContain("sec_");
    }

    @Test
    void zeroKeepsSecretsAndStateForever() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data")).create();
        Path secrets = age(data.secrets().appendLine("projects.secrets.csv", "row,clientSecret", "1,sec_x"), 400);
        Path journal = journal(data.apiState("https://api.openpanel.dev").resolve("imports/projects-aaa.jsonl"), 400, "complete");
        Path report = age(Files.writeString(data.reports().resolve("cleanup-20251001T030000Z.json"), "{}"), 400);

        RetentionReport run = job(data, new RetentionSettings(Duration.ZERO, Duration.ZERO)).run();

        assertThat(List.of(secrets, journal, report)).allSatisfy(f -> assertThat(f).exists());
        assertThat(run.describe()).startsWith("Retention run: secret files kept forever; journals and reports kept forever");
    }

    @Test
    void theCutoffFollowsTheClockAndEachSettingSeparately() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data")).create();
        Path secrets = age(data.secrets().appendLine("projects.secrets.csv", "row,clientSecret", "1,sec_x"), 2);
        Path journal = journal(data.apiState("https://api.openpanel.dev").resolve("imports/projects-aaa.jsonl"), 2, "complete");

        job(data, new RetentionSettings(Duration.ofDays(3), Duration.ofDays(1))).run();
        assertThat(secrets).exists();
        assertThat(journal).doesNotExist();

        new RetentionJob(data, new RetentionSettings(Duration.ofDays(3), Duration.ofDays(1)),
                Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC)).run();
        assertThat(secrets).doesNotExist();
    }

    private static RetentionJob job(DataDirectory data, RetentionSettings settings) {
        return new RetentionJob(data, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Path journal(Path file, int days, String... types) throws Exception {
        try (JsonLinesJournal journal = JsonLinesJournal.open(file, line -> { })) {
            for (String type : types) {
                journal.append(Journal.line(type));
            }
        }
        return age(file, days);
    }

    /** Last modified that many days (and a minute) before now. */
    private static Path age(Path file, int days) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(days)).minusSeconds(60)));
        return file;
    }

    private static String relative(DataDirectory data, Path file) {
        return data.root().relativize(file).toString();
    }
}
