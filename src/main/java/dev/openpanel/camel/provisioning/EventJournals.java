package dev.openpanel.camel.provisioning;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import dev.openpanel.camel.state.JournalStore;

/**
 * Opens event journals, one per event id under {@code data/state/<api>/provisioning/}. Within the process a journal is
 * open for one exchange at a time: a second consumer with the same event id waits for the first to finish (the journal
 * store does the same across processes), so concurrent consumers never provision one event twice, and events with
 * different ids never wait for each other.
 */
final class EventJournals {

    private final JournalStore store;
    private final Path directory;
    private final Map<String, Semaphore> inUse = new ConcurrentHashMap<>();

    EventJournals(JournalStore store, Path directory) {
        this.store = store;
        this.directory = directory;
    }

    /** Opens the event id's journal, waiting while another exchange of this process holds it. */
    EventJournal open(String eventId) {
        Semaphore permit = inUse.computeIfAbsent(eventId, id -> new Semaphore(1));
        permit.acquireUninterruptibly();
        try {
            return EventJournal.open(store, EventRecords.file(directory, eventId), () -> permit.release());
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }
}
