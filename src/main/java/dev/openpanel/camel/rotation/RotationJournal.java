package dev.openpanel.camel.rotation;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.ensure.Intent;
import dev.openpanel.camel.component.ensure.IntentRepository;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JournalStore;

/**
 * The record of one client's rotation, {@code data/state/<api>/rotations/<old client id>.jsonl}: one line per step,
 * forced to disk before the next step, never a secret. A client is rotated once (its id is never reused), so the
 * file is keyed by the old client's id, and a command, an event or a schedule that asks again resumes or answers the
 * same rotation. Steps: {@code started} (the old client as it was), {@code renamed} (the old client's name now shows
 * that it is being replaced), the create's intent, {@code created} (the new client answered; its secret only in
 * memory), {@code discarded} (a new client whose secret was lost, deleted), {@code delivered} (the new secret is in its
 * file, and when the old client is due for deletion), {@code old-deleted}, {@code complete}.
 */
final class RotationJournal implements IntentRepository, AutoCloseable {

    /** The key under which the new client's create is recorded for the component. */
    static final String NEW_CLIENT = "new-client";
    /** The line that ends a rotation (the retention job deletes old journals that have it). */
    static final String COMPLETE = "complete";

    private Journal journal;
    private OldClient old;
    private String renamedTo;
    private Intent intent;
    private String created;
    private final Set<String> discarded = new LinkedHashSet<>();
    private String delivered;
    private Instant deleteAt;
    private String secretsFile;
    private String oldDeletion;
    private boolean complete;
    private String failed;

    private RotationJournal() {
    }

    private RotationJournal(JournalStore store, Path file) {
        this.journal = store.open(file, this::replay);
    }

    /**
     * What a journal says without opening it for writing (a rotation in progress elsewhere is not waited for): a
     * snapshot for the sweep that finds the rotations with work left.
     */
    static RotationJournal peek(JournalStore store, Path file) {
        RotationJournal snapshot = new RotationJournal();
        store.read(file, snapshot::replay);
        return snapshot;
    }

    /** Opens (or creates) the journal; another process rotating the same client waits until this one closes it. */
    static RotationJournal open(JournalStore store, Path file) {
        return new RotationJournal(store, file);
    }

    /**
     * Snapshots ({@link #peek}) of the rotations in a folder that started and are not complete, in file-name order;
     * empty when there is no such folder.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    static List<RotationJournal> unfinishedIn(JournalStore store, Path folder) {
        return store.list(folder).stream().map(file -> peek(store, file))
                .filter(journal -> journal.old() != null && !journal.complete()).toList();
    }

    private void replay(JsonNode line) {
        String type = line.path("t").asText();
        failed = "failed".equals(type) ? line.path("reason").asText() : null;
        switch (type) {
            case "started" -> old = new OldClient(line.path("client").asText(), line.path("name").asText(),
                    text(line, "projectId"), ClientType.parse(line.path("type").asText()), line.path("root").asBoolean());
            case "renamed" -> renamedTo = line.path("name").asText();
            case "intent" -> intent = new Intent(OpenPanelOperation.CREATE, Instant.parse(line.path("at").asText()));
            case "intent-done" -> intent = null;
            case "created" -> created = line.path("client").asText();
            case "discarded" -> {
                discarded.add(line.path("client").asText());
                if (line.path("client").asText().equals(created)) {
                    created = null;
                }
            }
            case "delivered" -> {
                delivered = line.path("client").asText();
                deleteAt = Instant.parse(line.path("deleteAt").asText());
                secretsFile = text(line, "secretsFile");
            }
            case "old-deleted" -> oldDeletion = line.path("outcome").asText();
            case COMPLETE -> complete = true;
            default -> {
            }
        }
    }

    private void append(ObjectNode line) {
        journal.append(line);
        failed = null;
    }

    private static String text(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }

    synchronized OldClient old() {
        return old;
    }

    synchronized void recordStarted(OldClient client, String trigger) {
        ObjectNode line = Journal.line("started").put("client", client.id()).put("name", client.name())
                .put("projectId", client.projectId()).put("type", client.type().value()).put("root", client.root())
                .put("trigger", trigger).put("at", Instant.now().toString());
        append(line);
        old = client;
    }

    /** The name the old client was given while it is being replaced, or null before the rename. */
    synchronized String renamedTo() {
        return renamedTo;
    }

    synchronized void recordRenamed(String name) {
        append(Journal.line("renamed").put("name", name));
        renamedTo = name;
    }

    /** The new client whose create answered but whose secret was not delivered, or null. */
    synchronized String undelivered() {
        return created != null && !created.equals(delivered) ? created : null;
    }

    synchronized void recordCreated(String clientId) {
        append(Journal.line("created").put("client", clientId));
        created = clientId;
    }

    synchronized void recordDiscarded(String clientId) {
        append(Journal.line("discarded").put("client", clientId));
        discarded.add(clientId);
        if (clientId.equals(created)) {
            created = null;
        }
    }

    /** How many new clients were deleted because their secret was lost. */
    synchronized int discardedCount() {
        return discarded.size();
    }

    /** The new client, once its secret is delivered; null before. */
    synchronized String delivered() {
        return delivered;
    }

    synchronized Instant deleteAt() {
        return deleteAt;
    }

    synchronized String secretsFile() {
        return secretsFile;
    }

    synchronized void recordDelivered(String clientId, Instant oldDeleteAt, String file) {
        append(Journal.line("delivered").put("client", clientId).put("deleteAt", oldDeleteAt.toString())
                .put("secretsFile", file));
        delivered = clientId;
        deleteAt = oldDeleteAt;
        secretsFile = file;
    }

    /** Moves the old client's deletion to a new time ({@code --now}: now). */
    synchronized void recordDeleteAt(Instant at) {
        append(Journal.line("delivered").put("client", delivered).put("deleteAt", at.toString())
                .put("secretsFile", secretsFile));
        deleteAt = at;
    }

    /** {@code deleted} or {@code already-gone} once the old client is gone; null before. */
    synchronized String oldDeletion() {
        return oldDeletion;
    }

    synchronized void recordOldDeleted(String outcome) {
        append(Journal.line("old-deleted").put("outcome", outcome).put("at", Instant.now().toString()));
        append(Journal.line(COMPLETE));
        oldDeletion = outcome;
        complete = true;
    }

    synchronized boolean complete() {
        return complete;
    }

    /** Why the last pass failed for good, when nothing was recorded after it; null otherwise. */
    synchronized String failed() {
        return failed;
    }

    synchronized void recordFailed(String reason) {
        append(Journal.line("failed").put("reason", reason).put("at", Instant.now().toString()));
        failed = reason;
    }

    @Override
    public synchronized Optional<Intent> find(String key) {
        return NEW_CLIENT.equals(key) ? Optional.ofNullable(intent) : Optional.empty();
    }

    @Override
    public synchronized void record(String key, Intent sent) {
        append(Journal.line("intent").put("at", sent.at().toString()));
        intent = sent;
    }

    @Override
    public synchronized void succeeded(String key) {
        append(Journal.line("intent-done"));
        intent = null;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /**
     * The client being replaced, as it was before the rotation.
     *
     * @param root whether this is the tool's own root client ({@code rotate root})
     */
    record OldClient(String id, String name, String projectId, ClientType type, boolean root) {
    }
}
