package dev.openpanel.camel.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.state.Sha256;

/**
 * One file's import while it runs: the parsed file, its journal (keyed by content, so a file imported before is not
 * imported again), the snapshot the rows share, its outputs and its progress. Created by {@link ImportFiles#open},
 * held in an exchange property for the rows and {@link ImportFiles#finish}.
 */
final class ImportFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportFile.class);

    final Path path;
    final String fileName;
    final String name;
    final ImportKind kind;
    final boolean dryRun;
    final boolean giveUpWhenPaused;
    final ImportOutputs outputs;
    final ResourceSnapshot snapshot;
    final DataDirectory data;
    private final Map<String, Integer> planned = new LinkedHashMap<>();
    private CsvFile csv;
    private CsvFile.Rows rows;
    private int total;
    private ImportJournal journal;
    private ImportProgress progress;
    private ImportOutputs.Table plan;
    private String rejection;
    private boolean alreadyImported;
    private volatile Integer pausedAt;
    private final int concurrency;
    private final Semaphore inFlight;
    private final RowOrder order;
    final FileListings listings = new FileListings();
    private final NaturalKeySeen keys = new NaturalKeySeen();
    private InRowOrder<RowResult> planOrder;

    private ImportFile(Path path, ImportKind kind, boolean dryRun, boolean giveUpWhenPaused, DataDirectory data,
            ResourceSnapshot snapshot, int concurrency) {
        this.path = path;
        this.fileName = path.getFileName().toString();
        this.name = fileName.replaceFirst("(?i)\\.csv$", "");
        this.kind = kind;
        this.dryRun = dryRun;
        this.giveUpWhenPaused = giveUpWhenPaused;
        this.data = data;
        this.snapshot = snapshot;
        this.outputs = new ImportOutputs(data);
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.order = new RowOrder(ResourceKind.of(kind.resource()), snapshot);
    }

    /** Opens a file: checks its header and rows, and finds its journal. */
    static ImportFile open(Path path, ImportKind kind, boolean dryRun, boolean giveUpWhenPaused, DataDirectory data,
            ResourceSnapshot snapshot, ImportSettings settings) {
        ImportFile file = new ImportFile(path, kind, dryRun, giveUpWhenPaused, data, snapshot, settings.concurrency());
        try {
            file.csv = CsvFile.open(path, kind);
            file.total = file.csv.countRows();
        } catch (ImportRejectedException e) {
            file.rejection = e.getMessage();
            LOG.warn("Import of {} ({}) rejected: {}", file.fileName, kind.value(), e.getMessage());
            if (!dryRun) {
                file.outputs.writeRejected(file.name, file.fileName, e.getMessage());
            }
            return file;
        }
        if (dryRun) {
            file.plan = file.outputs.planTable(file.name);
            file.planOrder = new InRowOrder<>(result -> {
                file.plan.write(ImportOutputs.resultLine(result));
                file.planned.merge(result.status(), 1, Integer::sum);
            });
        } else {
            file.journal = ImportJournal.open(data.journals(), data.apiState(snapshot.api().client().target().apiUrl()).resolve("imports")
                    .resolve(kind.value() + "-" + file.digest() + ".jsonl"));
            file.alreadyImported = file.journal.isComplete();
        }
        int done = file.journal == null ? 0 : file.journal.doneCount();
        file.progress = new ImportProgress(file.fileName, file.total, done, settings.progressInterval());
        if (file.alreadyImported) {
            LOG.info("Import of {} ({}): the same content was imported as {}; no API calls", file.fileName, kind.value(),
                    file.journal.completedAs());
        } else {
            LOG.info("Import of {} ({}): {} rows{}{}", file.fileName, kind.value(), file.total,
                    done > 0 ? ", resuming after " + done + " done" : "", dryRun ? ", dry run" : "");
        }
        return file;
    }

    /**
     * The rows still to import, admitted in row order (validated, given their {@link RowTicket}): none when the file
     * was rejected or imported before; rows done before are skipped. Taking a row waits while the file has
     * {@code concurrency} rows in flight.
     */
    Iterator<AdmittedRow> rows() {
        if (rejection != null || alreadyImported) {
            return Collections.emptyIterator();
        }
        rows = csv.rows();
        return new Iterator<>() {
            private CsvRow next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    CsvRow row = rows.next();
                    if (journal == null || !journal.isDone(row.number())) {
                        next = row;
                    } else {
                        remember(row);
                    }
                }
                return next != null;
            }

            @Override
            public AdmittedRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRow row = next;
                next = null;
                return admit(row);
            }
        };
    }

    private AdmittedRow admit(CsvRow csvRow) {
        inFlight.acquireUninterruptibly();
        ImportRow row = null;
        String rejection = null;
        try {
            row = RowValidator.validate(kind, csvRow);
            int first = remember(row);
            if (first != 0) {
                rejection = "duplicate of row " + first + ": the same " + kind.resource().singular()
                        + " (natural key) appears twice in the file; keep one row for it";
                row = null;
            }
        } catch (RowRejectedException e) {
            rejection = e.getMessage();
        }
        return new AdmittedRow(csvRow, row, rejection, order.admit(csvRow.number(), row));
    }

    /** Records the natural key of a row (one done before included); returns the earlier row with that key, or 0. */
    private int remember(CsvRow csvRow) {
        try {
            return remember(RowValidator.validate(kind, csvRow));
        } catch (RowRejectedException e) {
            return 0;
        }
    }

    private int remember(ImportRow row) {
        String key = NaturalKeySeen.keyOf(row);
        return key == null ? 0 : keys.firstRowWith(key, row.number());
    }

    /** Where the import is: the first row in flight without a result (0 before the first row). */
    int position() {
        return order.firstUnfinished();
    }

    /** A row admitted by {@link #rows} ended, with its result recorded or not: the next one may start. */
    void rowEnded(RowTicket ticket, boolean recorded) {
        if (ticket.finish(recorded)) {
            inFlight.release();
        }
    }

    /** Whether there are rows to import: the file was read and not imported before, and some row has no outcome. */
    boolean hasRowsToImport() {
        return rejection == null && !alreadyImported && (journal == null || journal.doneCount() < total);
    }

    /** The file's columns as documented. */
    List<String> columns() {
        return csv == null ? List.of() : csv.columns();
    }

    int total() {
        return total;
    }

    /** The journal, or null in a dry run or for a rejected file. */
    ImportJournal journal() {
        return journal;
    }

    /** Records a row's final outcome (in the journal, or in a dry run in the plan file) and lets later rows run. */
    void record(RowResult result, RowTicket ticket) {
        if (dryRun) {
            planOrder.accept(ticket.sequence(), result);
        } else {
            journal.recordResult(result);
        }
        progress.rowDone();
        rowEnded(ticket, true);
    }

    /** Whether a pause was announced, and ends it. */
    boolean resume() {
        if (pausedAt == null) {
            return false;
        }
        pausedAt = null;
        return true;
    }

    /** Announces a pause at a row once; false when one is announced already. */
    boolean pause(int row) {
        if (pausedAt != null) {
            return false;
        }
        pausedAt = row;
        return true;
    }

    /** Writes the outputs, moves the file out of the inbox when asked, and says how it went. */
    ImportSummary finish(boolean moveWhenDone) {
        if (rejection != null) {
            if (moveWhenDone && !dryRun) {
                moveTo(".failed");
            }
            return new ImportSummary(fileName, kind.value(), 0, Map.of(), dryRun, false, rejection, null,
                    dryRun ? null : outputs.errorsFile(name), null);
        }
        if (dryRun) {
            planOrder.flush();
            plan.close();
            plan = null;
            return new ImportSummary(fileName, kind.value(), total, planned, true, false, null, outputs.planFile(name), null, null);
        }
        if (!alreadyImported) {
            journal.recordComplete(fileName);
        }
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        journal.forEachResult(result -> {
            counts.merge(result.status(), 1, Integer::sum);
            firstRow.merge(result.status(), result.row(), Math::min);
        });
        Map<String, Integer> statuses = new LinkedHashMap<>();
        counts.keySet().stream().sorted(Comparator.comparing(firstRow::get))
                .forEach(status -> statuses.put(status, counts.get(status)));
        int failed = outputs.writeFromJournal(journal, name, csv.columns());
        if (moveWhenDone) {
            moveTo(".done");
        }
        Path secrets = data.secrets().directory().resolve(secretsFile());
        if (Files.exists(secrets)) {
            data.secrets().sortByLeadingNumber(secretsFile());
        }
        ImportSummary summary = new ImportSummary(fileName, kind.value(), total, statuses, false, alreadyImported, null,
                outputs.resultsFile(name), failed > 0 ? outputs.errorsFile(name) : null, Files.exists(secrets) ? secrets : null);
        LOG.info("Import done: {}", summary.describe());
        return summary;
    }

    String secretsFile() {
        return name + ".secrets.csv";
    }

    /** Closes the file once the rows still in flight (an import that stopped early) have ended. */
    @Override
    public void close() {
        try {
            if (!inFlight.tryAcquire(concurrency, 10, TimeUnit.MINUTES)) {
                LOG.warn("Import of {}: rows still in flight after 10 minutes; closing anyway", fileName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (rows != null) {
            rows.close();
        }
        if (plan != null) {
            plan.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private void moveTo(String folder) {
        try {
            Path target = path.resolveSibling(folder);
            PrivateFiles.createDirectories(target);
            Path destination = target.resolve(fileName);
            if (Files.exists(destination)) {
                destination = target.resolve(name + "-" + Instant.now().toString().replace(":", "") + ".csv");
            }
            PrivateFiles.moveIn(path, destination);
        } catch (NoSuchFileException e) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException("cannot move " + path + " to " + folder, e);
            }
            // the same import, finished elsewhere (in cluster mode: an instance that took over a claim it thought dead)
            LOG.info("Import of {}: the file left the inbox meanwhile; its journal is complete, nothing to move", fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + path + " to " + folder, e);
        }
    }

    private String digest() {
        try {
            return Sha256.hex(kind.value(), Files.newInputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
