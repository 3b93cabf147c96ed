package dev.openpanel.camel.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.files.FolderEntries;

/**
 * The retention job (bean {@value #BEAN}) behind {@code routes/retention.camel.yaml}: deletes the files in
 * {@code secrets/} older than {@code openpanel.secrets.retention}, and the finished journals (imports and events
 * recorded complete, under {@code state/<api>/}) and reports older than {@code openpanel.state.retention}, by last
 * modification; logs each by name. It never deletes the journal of unfinished work, nor one that is open here or in
 * another process, nor anything of the broker. It also makes owner only whatever others could read in the data
 * directory (files that third-party code created with the umask's mode).
 */
public final class RetentionJob {

    /** Registry name of the job. */
    public static final String BEAN = "retentionJob";
    /** The line type with which the import and event journals record their work complete. */
    static final String FINISHED = "complete";
    private static final List<String> JOURNAL_FOLDERS = List.of("imports", "provisioning", "rotations");
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final DataDirectory data;
    private final RetentionSettings settings;
    private final Clock clock;

    public RetentionJob(DataDirectory data, RetentionSettings settings, Clock clock) {
        this.data = data;
        this.settings = settings;
        this.clock = clock;
    }

    /** One run, now. */
    public RetentionReport run() {
        Instant now = clock.instant();
        List<String> secrets = new ArrayList<>();
        List<String> journals = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        int unfinished = 0;
        int inUse = 0;
        if (!settings.secrets().isZero()) {
            for (String name : data.secrets().deleteOlderThan(now.minus(settings.secrets()))) {
                secrets.add(deleted(data.secrets().directory().resolve(name)));
            }
        }
        if (!settings.state().isZero()) {
            Instant cutoff = now.minus(settings.state());
            for (Path journal : data.journals().listApiJournals(data.state(), JOURNAL_FOLDERS)) {
                try {
                    switch (data.journals().deleteIfFinished(journal, FINISHED, cutoff)) {
                        case DELETED -> journals.add(deleted(journal));
                        case UNFINISHED -> unfinished++;
                        case IN_USE -> inUse++;
                        case RECENT -> {
                        }
                    }
                } catch (UncheckedIOException e) {
                    LOG.warn("Retention kept {}: {}", data.root().relativize(journal), e.getCause().toString());
                }
            }
            for (Path report : FolderEntries.regularFiles(data.reports(), name -> name.endsWith(".json") && !name.startsWith("."))) {
                try {
                    if (Files.getLastModifiedTime(report, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
                            && Files.deleteIfExists(report)) {
                        reports.add(deleted(report));
                    }
                } catch (IOException e) {
                    LOG.warn("Retention kept {}: {}", data.root().relativize(report), e.toString());
                }
            }
        }
        RetentionReport report = new RetentionReport(secrets, journals, reports, unfinished, inUse, data.tighten(), settings);
        LOG.info(report.describe());
        return report;
    }

    private String deleted(Path file) {
        String name = data.root().relativize(file).toString();
        LOG.info("Retention deleted {}", name);
        return name;
    }
}
