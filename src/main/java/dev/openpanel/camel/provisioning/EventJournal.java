package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.state.Journal;
import dev.openpanel.camel.state.JournalStore;

/**
 * The record of one event id, in {@code data/state/<api>/provisioning/}: the intent before every create, each step's
 * outcome, and the completion with the delivery that completed it, one line each, forced to disk before the next
 * step. It makes an event exactly once: a completed event id is answered from here, and an event interrupted by a
 * crash resumes from its last step, resolving an in-flight create by lookup.
 */
final class EventJournal implements AutoCloseable {


    private final Journal journal;
    private final Map<String, Instant> intents = new HashMap<>();
    private final Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
    private String digest;
    private String completedBy;
    private Instant completedAt;

    private final Runnable onClose;

    private EventJournal(JournalStore store, Path file, Runnable onClose) {
        this.journal = store.open(file, this::replay);
        this.onClose = onClose;
    }

    /** Opens a journal that runs {@code onClose} once closed. */
    static EventJournal open(JournalStore store, Path file, Runnable onClose) {
        return new EventJournal(store, file, onClose);
    }

    /** Digest of the event's content when it was first received; null for a new event id. */
    synchronized String digest() {
        return digest;
    }

    synchronized void recordReceived(String eventDigest) {
        journal.append(Journal.line("received").put("digest", eventDigest).put("at", Instant.now().toString()));
        digest = eventDigest;
    }

    /** When a create was sent for a step whose outcome is not recorded (a crash or an unknown outcome in between). */
    synchronized Optional<Instant> intent(String step) {
        return Optional.ofNullable(intents.get(step));
    }

    synchronized void recordIntent(String step) {
        Instant at = Instant.now();
        journal.append(Journal.line("intent").put("step", step).put("at", at.toString()));
        intents.put(step, at);
    }

    synchronized Optional<StepOutcome> outcome(String step) {
        return Optional.ofNullable(outcomes.get(step));
    }

    synchronized void recordOutcome(StepOutcome outcome) {
        journal.append(outcome.toJournalLine());
        outcomes.put(outcome.step(), outcome);
        intents.remove(outcome.step());
    }

    /** Every outcome, in the order the steps ran. */
    synchronized List<StepOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    synchronized boolean isComplete() {
        return completedBy != null;
    }

    /** The delivery (message) that completed the event. */
    synchronized String completedBy() {
        return completedBy;
    }

    synchronized Instant completedAt() {
        return completedAt;
    }

    synchronized void recordComplete(String delivery) {
        Instant at = Instant.now();
        journal.append(Journal.line("complete").put("delivery", delivery).put("at", at.toString()));
        completedBy = delivery;
        completedAt = at;
    }

    /** Records that a delivery of this event id was dead-lettered, and why (read by {@link EventRecord}). */
    synchronized void recordDeadLettered(String reason) {
        journal.append(Journal.line(EventRecord.DEAD_LETTER).put("reason", reason).put("at", Instant.now().toString()));
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            onClose.run();
        }
    }

    private void replay(JsonNode line) {
        switch (line.path("t").asText()) {
            case "received" -> digest = line.path("digest").asText();
            case "intent" -> intents.put(line.path("step").asText(), Instant.parse(line.path("at").asText()));
            case "done" -> {
                StepOutcome outcome = StepOutcome.fromJournalLine(line);
                outcomes.put(outcome.step(), outcome);
                intents.remove(outcome.step());
            }
            case "complete" -> {
                completedBy = line.path("delivery").asText();
                completedAt = Instant.parse(line.path("at").asText());
            }
            default -> {
            }
        }
    }
}
