package dev.openpanel.camel.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.component.OpenPanelOperation;

/**
 * The record of one import, keyed by the file's content: every row's outcome as it happens, and the intent before
 * each write call, one JSON line each, forced to disk before the next step. It is what survives a crash: on restart
 * the import skips rows with an outcome, resolves rows with an intent by lookup, and the output files are rebuilt
 * from it. A line torn by a crash is dropped on opening.
 */
final class ImportJournal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final BitSet done = new BitSet();
    private final Map<Integer, Intent> intents = new HashMap<>();
    private String completedAs;

    /** A write that was about to be sent for a row. */
    record Intent(OpenPanelOperation operation, Instant at) {
    }

    private ImportJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        long intact = Files.exists(file) ? replay() : 0;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(intact);
        channel.position(intact);
    }

    static ImportJournal open(Path file) {
        try {
            return new ImportJournal(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the import journal " + file, e);
        }
    }

    boolean isDone(int row) {
        return done.get(row);
    }

    int doneCount() {
        return done.cardinality();
    }

    /** The write that was sent for a row without its outcome being recorded (a crash in between). */
    Optional<Intent> intent(int row) {
        return Optional.ofNullable(intents.get(row));
    }

    boolean isComplete() {
        return completedAs != null;
    }

    /** The file name the import completed under. */
    String completedAs() {
        return completedAs;
    }

    void recordIntent(int row, OpenPanelOperation operation) {
        Instant at = Instant.now();
        ObjectNode line = JSON.createObjectNode().put("t", "intent").put("row", row).put("op", operation.value())
                .put("at", at.toString());
        append(line);
        intents.put(row, new Intent(operation, at));
    }

    void recordResult(RowResult result) {
        ObjectNode line = JSON.createObjectNode().put("t", "result").put("row", result.row()).put("action", result.action())
                .put("status", result.status()).put("resource", result.resource()).put("id", result.id())
                .put("name", result.name()).put("message", result.message());
        if (!result.cells().isEmpty()) {
            result.cells().forEach(line.putArray("cells")::add);
        }
        append(line);
        done.set(result.row());
        intents.remove(result.row());
    }

    void recordComplete(String fileName) {
        append(JSON.createObjectNode().put("t", "complete").put("file", fileName).put("at", Instant.now().toString()));
        completedAs = fileName;
    }

    /** Every recorded result, in the order recorded (which is row order), read from disk one at a time. */
    void forEachResult(Consumer<RowResult> consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                JsonNode line = JSON.readTree(text);
                if ("result".equals(line.path("t").asText())) {
                    consumer.accept(toResult(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(ObjectNode line) {
        try {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import journal " + file, e);
        }
    }

    /** Reads the journal back and returns the length of its intact part (up to the last complete line). */
    private long replay() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int intact = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                break;
            }
            intact = start;
            int row = line.path("row").asInt();
            switch (line.path("t").asText()) {
                case "intent" -> intents.put(row, new Intent(OpenPanelOperation.parse(line.path("op").asText()),
                        Instant.parse(line.path("at").asText())));
                case "result" -> {
                    done.set(row);
                    intents.remove(row);
                }
                case "complete" -> completedAs = line.path("file").asText();
                default -> {
                }
            }
        }
        return intact;
    }

    private static RowResult toResult(JsonNode line) {
        List<String> cells = new ArrayList<>();
        line.path("cells").forEach(cell -> cells.add(cell.asText()));
        return new RowResult(line.path("row").asInt(), text(line, "action"), text(line, "status"), text(line, "resource"),
                text(line, "id"), text(line, "name"), text(line, "message"), cells);
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
