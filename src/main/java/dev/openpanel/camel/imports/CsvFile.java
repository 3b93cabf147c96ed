package dev.openpanel.camel.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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
            throw unreadable(path, "the header row", 1, e);
        }
        List<String> columns = new ArrayList<>();
        for (String cell : header) {
            String column = kind.canonicalColumn(cell);
            if (column == null) {
                throw new ImportRejectedException("unknown column '" + InputEcho.quoted(cell.trim()) + "'; " + expected(kind)
                        + otherKindHint(kind, header));
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
            return new Rows(path, iterator, columns);
        } catch (IOException e) {
            throw new ImportRejectedException("the file cannot be read: " + e.getMessage(), e);
        }
    }

    /** The data rows of a file, read one at a time. */
    public static final class Rows implements Iterator<CsvRow>, AutoCloseable {
        private final Path path;
        private final MappingIterator<String[]> cells;
        private final List<String> columns;
        private CsvRow next;
        private int number;
        /** The line the next row starts on (the header is line 1, blank lines aside). */
        private int nextRowLine = 2;

        Rows(Path path, MappingIterator<String[]> cells, List<String> columns) {
            this.path = path;
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
                    throw unreadable(path, "data row " + (number + 1), nextRowLine, e);
                }
                JsonLocation after = cells.getParser().currentLocation();
                nextRowLine = after.getColumnNr() <= 1 ? after.getLineNr() : after.getLineNr() + 1;
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
            throw notUtf8(path, e);
        } catch (IOException e) {
            throw new ImportRejectedException("the file cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A row that cannot be parsed, in the user's terms: the line and column of a CSV syntax error (an unclosed quote),
     * or the first line that is not UTF-8.
     */
    private static ImportRejectedException unreadable(Path path, String what, int startLine, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException coding) {
                return notUtf8(path, coding);
            }
        }
        JsonProcessingException syntax = e instanceof JsonProcessingException direct ? direct
                : e.getCause() instanceof JsonProcessingException wrapped ? wrapped : null;
        if (syntax != null && syntax.getOriginalMessage() != null && syntax.getOriginalMessage().startsWith("Missing closing quote")) {
            return new ImportRejectedException(what + " cannot be read: line " + startLine + ": a quoted value that starts there is"
                    + " not closed: add the missing '\"' (a '\"' inside a quoted value is written '\"\"')", e);
        }
        if (syntax != null && syntax.getLocation() != null && syntax.getLocation().getLineNr() > 0) {
            return new ImportRejectedException(what + " cannot be read: line " + syntax.getLocation().getLineNr() + ", column "
                    + syntax.getLocation().getColumnNr() + ": it is not valid CSV", e);
        }
        return new ImportRejectedException(what + " cannot be read: it is not valid CSV", e);
    }

    private static ImportRejectedException notUtf8(Path path, CharacterCodingException e) {
        int line = firstLineNotUtf8(path);
        return new ImportRejectedException("the file is not UTF-8" + (line > 0 ? ": line " + line + " is not" : "")
                + "; save it as UTF-8 (a spreadsheet's \"CSV UTF-8\" format)", e);
    }

    /** The number of the first line (from 1) that is not valid UTF-8, or 0 when all are. */
    static int firstLineNotUtf8(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b == -1) {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray()));
                    } catch (CharacterCodingException bad) {
                        return number;
                    }
                    if (b == -1) {
                        return 0;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** When the header fits another kind's columns: which inbox the file belongs in; else nothing. */
    private static String otherKindHint(ImportKind kind, List<String> header) {
        for (ImportKind other : ImportKind.values()) {
            if (other != kind && header.stream().allMatch(cell -> other.canonicalColumn(cell) != null)
                    && other.identifyingColumns().stream().anyMatch(id -> header.stream().anyMatch(cell -> id.equals(other.canonicalColumn(cell))))) {
                return ". These are the columns of a " + other.value() + " file: put it in inbox/" + other.value() + "/";
            }
        }
        return "";
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    private static String expected(ImportKind kind) {
        return "expected columns: " + kind.columns().stream().collect(Collectors.joining(", "));
    }
}
