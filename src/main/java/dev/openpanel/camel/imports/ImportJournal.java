package dev.openpanel.camel.imports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JournalStore;

/**
 * The record of one import, keyed by the file's content: every row's outcome as it happens, and the intent before
 * each write call, one JSON line each, durable before the next step. It is what survives a crash: on restart
 * the import skips rows with an outcome, resolves rows with an intent by lookup, and the output files are rebuilt
 * from it. A line torn by a crash is dropped on opening.
 */
final class ImportJournal implements AutoCloseable {

    private final Journal journal;
    private final BitSet done = new BitSet();
    private final Map<Integer, Intent> intents = new HashMap<>();
    private String completedAs;

    /** A write that was about to be sent for a row. */
    record Intent(OpenPanelOperation operation, Instant at) {
    }

    private ImportJournal(JournalStore store, Path file) {
        this.journal = store.open(file, this::replay);
    }

    static ImportJournal open(JournalStore store, Path file) {
        return new ImportJournal(store, file);
    }

    synchronized boolean isDone(int row) {
        return done.get(row);
    }

    /** The first row from {@code row} on with an outcome, or -1. */
    synchronized int nextDone(int row) {
        return done.nextSetBit(row);
    }

    synchronized int doneCount() {
        return done.cardinality();
    }

    /** The write that was sent for a row without its outcome being recorded (a crash in between). */
    synchronized Optional<Intent> intent(int row) {
        return Optional.ofNullable(intents.get(row));
    }

    synchronized boolean isComplete() {
        return completedAs != null;
    }

    /** The file name the import completed under. */
    synchronized String completedAs() {
        return completedAs;
    }

    synchronized void recordIntent(int row, OpenPanelOperation operation) {
        Instant at = Instant.now();
        journal.append(Journal.line("intent").put("row", row).put("op", operation.value()).put("at", at.toString()));
        intents.put(row, new Intent(operation, at));
    }

    synchronized void recordResult(RowResult result) {
        ObjectNode line = Journal.line("result").put("row", result.row()).put("action", result.action())
                .put("status", result.status()).put("resource", result.resource()).put("id", result.id())
                .put("name", result.name()).put("message", result.message());
        if (!result.cells().isEmpty()) {
            result.cells().forEach(line.putArray("cells")::add);
        }
        journal.append(line);
        done.set(result.row());
        intents.remove(result.row());
    }

    synchronized void recordComplete(String fileName) {
        journal.append(Journal.line("complete").put("file", fileName).put("at", Instant.now().toString()));
        completedAs = fileName;
    }

    /** Every recorded result, in the order recorded (rows run concurrently: not always row order), read from disk one at a time. */
    synchronized void forEachResult(Consumer<RowResult> consumer) {
        journal.forEach(line -> {
            if ("result".equals(line.path("t").asText())) {
                consumer.accept(toResult(line));
            }
        });
    }

    @Override
    public synchronized void close() {
        journal.close();
    }

    private void replay(JsonNode line) {
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
