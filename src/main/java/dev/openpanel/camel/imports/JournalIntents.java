package dev.openpanel.camel.imports;

import java.util.Optional;

import dev.openpanel.camel.component.ensure.Intent;
import dev.openpanel.camel.component.ensure.IntentRepository;

/**
 * The import journal as the {@code openpanel:} component's intent repository: the key is the row number, and a
 * write's intent is forced to disk before it is sent. The outcome is recorded by the import's record step.
 */
final class JournalIntents implements IntentRepository {

    private final ImportJournal journal;

    JournalIntents(ImportJournal journal) {
        this.journal = journal;
    }

    @Override
    public Optional<Intent> find(String key) {
        return journal.intent(Integer.parseInt(key)).map(i -> new Intent(i.operation(), i.at()));
    }

    @Override
    public void record(String key, Intent intent) {
        journal.recordIntent(Integer.parseInt(key), intent.operation());
    }

    @Override
    public void succeeded(String key) {
        // The row's result line, written next by the record step, closes the intent.
    }
}
