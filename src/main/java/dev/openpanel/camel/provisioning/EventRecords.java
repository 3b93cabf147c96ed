package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import dev.openpanel.camel.state.JournalStore;
import dev.openpanel.camel.state.Sha256;

/**
 * Finds the journal of an event id under {@code data/state/<api>/provisioning/} (the directory {@link EventJournals}
 * writes) and reads it as an {@link EventRecord}, for the intake's conflict check and the event state endpoint.
 */
public final class EventRecords {

    private final JournalStore store;
    private final Supplier<Path> directory;

    /** @param directory the provisioning state directory of the API, resolved when first needed */
    public EventRecords(JournalStore store, Supplier<Path> directory) {
        this.store = store;
        this.directory = directory;
    }

    /** The file of an event id's journal in a directory. */
    static Path file(Path directory, String eventId) {
        return directory.resolve(Sha256.hex(eventId) + ".jsonl");
    }

    /** The record of the event id, or empty when no delivery of it has reached the provisioning route. */
    Optional<EventRecord> find(String eventId) {
        return EventRecord.read(store, file(directory.get(), eventId));
    }
}
