package dev.openpanel.camel.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Reads an import file as PRODUCT.md section 6 says: UTF-8 (a BOM is tolerated), a header row whose names match the
 * kind's columns case-insensitively, {@code ,} or {@code ;} as delimiter (whichever the header line uses more), RFC
 * 4180 quoting (quoted delimiters and line breaks), blank lines skipped. Rows are read one at a time: memory does
 * not grow with the file.
 */
public final class CsvFile {

    private static final CsvMapper MAPPER = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private final Path path;
    private final ImportKind kind;
    private final char delimiter;
    private final List<String> columns;

    private CsvFile(Path path, ImportKind kind, char delimiter, List<String> columns) {
        this.path = path;
        this.kind = kind;
        this.delimiter = delimiter;
        this.columns = columns;
    }

    /**
     * Opens a file and checks its header.
     *
     * @throws ImportRejectedException for an unreadable file, a missing header, an unknown, repeated or missing column
     */
    public static CsvFile open(Path path, ImportKind kind) {
        String headerLine = firstLine(path);
        char delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
        List<String> header;
        try (MappingIterator<String[]> rows = iterator(path, delimiter)) {
            if (!rows.hasNext()) {
                throw new ImportRejectedException("the file is empty: a header row is required (" + expected(kind) + ")");
            }
            header = Arrays.asList(rows.next());
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new ImportRejectedException("the header row cannot be read: " + e.getMessage(), e);
        }
        List<String> columns = new ArrayList<>();
        for (String cell : header) {
            String column = kind.canonicalColumn(cell);
            if (column == null) {
                throw new ImportRejectedException("unknown column '" + InputEcho.quoted(cell.trim()) + "'; " + expected(kind));
            }
            if (columns.contains(column)) {
                throw new ImportRejectedException("column '" + column + "' appears twice; " + expected(kind));
            }
            columns.add(column);
        }
        if (kind.identifyingColumns().stream().noneMatch(columns::contains)) {
            throw new ImportRejectedException("missing column: a " + kind.value() + " file needs "
                    + String.join(" or ", kind.identifyingColumns()) + "; " + expected(kind));
        }
        return new CsvFile(path, kind, delimiter, List.copyOf(columns));
    }

    public List<String> columns() {
        return columns;
    }

    public ImportKind kind() {
        return kind;
    }

    /**
     * Reads the whole file once, checking that every row parses, and returns the number of data rows.
     *
     * @throws ImportRejectedException when a row cannot be read (e.g. an unclosed quote)
     */
    public int countRows() {
        try (Rows rows = rows()) {
            int count = 0;
            while (rows.hasNext()) {
                rows.next();
                count++;
            }
            return count;
        }
    }

    /** The data rows, in order; close it when done. */
    public Rows rows() {
        try {
            MappingIterator<String[]> iterator = iterator(path, delimiter);
            if (iterator.hasNext()) {
                iterator.next();
            }
            return new Rows(iterator, columns);
        } catch (IOException e) {
            throw new ImportRejectedException("the file cannot be read: " + e.getMessage(), e);
        }
    }

    /** The data rows of a file, read one at a time. */
    public static final class Rows implements Iterator<CsvRow>, AutoCloseable {
        private final MappingIterator<String[]> cells;
        private final List<String> columns;
        private CsvRow next;
        private int number;

        Rows(MappingIterator<String[]> cells, List<String> columns) {
            this.cells = cells;
            this.columns = columns;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String[] row;
                try {
                    if (!cells.hasNext()) {
                        return false;
                    }
                    row = cells.next();
                } catch (RuntimeJsonMappingException e) {
                    throw new ImportRejectedException("data row " + (number + 1) + " cannot be read: " + e.getMessage(), e);
                }
                if (Arrays.stream(row).allMatch(String::isBlank)) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), i < row.length ? row[i].trim() : "");
                }
                next = new CsvRow(++number, values, List.of(row), Math.max(0, row.length - columns.size()));
            }
            return true;
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CsvRow row = next;
            next = null;
            return row;
        }

        @Override
        public void close() {
            try {
                cells.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static MappingIterator<String[]> iterator(Path path, char delimiter) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"');
        return MAPPER.readerFor(String[].class).with(schema).readValues(reader(path));
    }

    private static Reader reader(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path));
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static String firstLine(Path path) {
        try (BufferedReader reader = new BufferedReader(reader(path))) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (CharacterCodingException e) {
            throw new ImportRejectedException("the file is not UTF-8", e);
        } catch (IOException e) {
            throw new ImportRejectedException("the file cannot be read: " + e.getMessage(), e);
        }
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static String expected(ImportKind kind) {
        return "expected columns: " + kind.columns().stream().collect(Collectors.joining(", "));
    }
}
