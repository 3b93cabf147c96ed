package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.state.JournalStore;

/**
 * What an event id's journal says, read without taking the journal (which the queue may hold while it provisions):
 * the digest of the content first received, each step's outcome, the completion and the last dead letter.
 */
final class EventRecord {

    /** The journal line written when a delivery of the event id is dead-lettered. */
    static final String DEAD_LETTER = "dead-letter";

    private final Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
    private String digest;
    private Instant receivedAt;
    private Instant completedAt;
    private String deadLetterReason;
    private Instant deadLetteredAt;

    private EventRecord() {
    }

    /** The record in the journal file, or empty when the event id has no journal. */
    static Optional<EventRecord> read(JournalStore store, Path file) {
        EventRecord record = new EventRecord();
        return store.read(file, record::replay) ? Optional.of(record) : Optional.empty();
    }

    /** Digest of the content first received, or null. */
    String digest() {
        return digest;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    /** When the event was provisioned, or null. */
    Instant completedAt() {
        return completedAt;
    }

    /** The reason of the last dead letter of this event id, or null. */
    String deadLetterReason() {
        return deadLetterReason;
    }

    Instant deadLetteredAt() {
        return deadLetteredAt;
    }

    List<StepOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    private void replay(JsonNode line) {
        switch (line.path("t").asText()) {
            case "received" -> {
                digest = line.path("digest").asText();
                receivedAt = instant(line);
            }
            case "done" -> {
                StepOutcome outcome = StepOutcome.fromJournalLine(line);
                outcomes.put(outcome.step(), outcome);
            }
            case "complete" -> completedAt = instant(line);
            case DEAD_LETTER -> {
                deadLetterReason = line.path("reason").asText();
                deadLetteredAt = instant(line);
            }
            default -> {
            }
        }
    }

    private static Instant instant(JsonNode line) {
        String at = line.path("at").asText(null);
        return at == null ? null : Instant.parse(at);
    }
}
