package dev.openpanel.camel.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.files.PrivateFiles;

/**
 * Writes an import's outputs: {@code outbox/<name>.results.csv} (exactly one line per data row),
 * {@code errors/<name>.errors.csv} (the failed rows as read, with the reason) and, for a file that cannot be read,
 * an errors file saying why. Each is written to a temporary file and moved into place, so a reader never sees half
 * a file. Secrets are never part of these files, and every cell is safe to open in a spreadsheet
 * ({@link SpreadsheetCells}).
 */
final class ImportOutputs {

    static final List<String> RESULT_COLUMNS = List.of("row", "action", "status", "resource", "id", "name", "message");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

    private final DataDirectory data;

    ImportOutputs(DataDirectory data) {
        this.data = data;
    }

    Path resultsFile(String name) {
        return data.outbox().resolve(name + ".results.csv");
    }

    Path planFile(String name) {
        return data.outbox().resolve(name + ".plan.csv");
    }

    Path errorsFile(String name) {
        return data.errors().resolve(name + ".errors.csv");
    }

    /** Rebuilds the results and errors files from the journal; returns the number of failed rows. */
    int writeFromJournal(ImportJournal journal, String name, List<String> columns) {
        int[] failed = { 0 };
        Path errors = errorsFile(name);
        try (Table results = new Table(resultsFile(name), RESULT_COLUMNS);
                Table errorRows = new Table(errors, errorColumns(columns))) {
            Consumer<RowResult> write = result -> {
                results.write(resultLine(result));
                if (result.failed()) {
                    failed[0]++;
                    errorRows.write(errorLine(result, columns.size()));
                }
            };
            // Rows finish concurrently: the journal has them in the order they finished, the files in row order.
            TreeMap<Integer, RowResult> early = new TreeMap<>();
            int[] next = { journal.nextDone(0) };
            journal.forEachResult(result -> {
                early.put(result.row(), result);
                while (next[0] >= 0 && early.containsKey(next[0])) {
                    write.accept(early.remove(next[0]));
                    next[0] = journal.nextDone(next[0] + 1);
                }
            });
            early.values().forEach(write);
            if (failed[0] == 0) {
                errorRows.discard();
            }
        }
        return failed[0];
    }

    /** The errors file of a file that cannot be imported at all. */
    void writeRejected(String name, String fileName, String reason) {
        try (Table errors = new Table(errorsFile(name), List.of("file", "error"))) {
            errors.write(List.of(fileName, reason));
        }
    }

    /** A results-like file for a dry run, written as rows are planned. */
    Table planTable(String name) {
        return new Table(planFile(name), RESULT_COLUMNS);
    }

    static List<String> resultLine(RowResult result) {
        return List.of(String.valueOf(result.row()), result.action(), result.status(), nonNull(result.resource()),
                nonNull(result.id()), nonNull(result.name()), nonNull(result.message()));
    }

    private static List<String> errorColumns(List<String> columns) {
        List<String> header = new ArrayList<>(List.of("row"));
        header.addAll(columns);
        header.add("error");
        return header;
    }

    private static List<String> errorLine(RowResult result, int columns) {
        List<String> line = new ArrayList<>(List.of(String.valueOf(result.row())));
        for (int i = 0; i < columns; i++) {
            line.add(i < result.cells().size() ? result.cells().get(i) : "");
        }
        line.add(nonNull(result.message()));
        return line;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** A CSV file written to a temporary file and moved into place on close. */
    static final class Table implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final Writer writer;
        private final SequenceWriter rows;
        private boolean discarded;

        Table(Path target, List<String> header) {
            this.target = target;
            try {
                PrivateFiles.createDirectories(target.getParent());
                this.temporary = PrivateFiles.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                this.writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
                // The file is moved into place whole at close, so a flush per row would only cost time.
                this.rows = CSV.writerFor(List.class).with(schema).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                        .writeValues(writer);
                rows.write(header);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }

        void write(List<String> line) {
            try {
                List<String> cells = new ArrayList<>(line.size());
                for (String cell : line) {
                    cells.add(SpreadsheetCells.safe(cell));
                }
                rows.write(cells);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }

        /** Nothing is written; an earlier file of that name is removed. */
        void discard() {
            discarded = true;
        }

        @Override
        public void close() {
            try {
                rows.close();
                writer.close();
                if (discarded) {
                    Files.delete(temporary);
                    Files.deleteIfExists(target);
                } else {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }
}
