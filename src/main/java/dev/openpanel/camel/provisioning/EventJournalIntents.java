package dev.openpanel.camel.provisioning;

import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.ensure.Intent;
import dev.openpanel.camel.component.ensure.IntentRepository;

/** An event's journal as the {@code openpanel:} component's intent repository; the key is the step's name. */
final class EventJournalIntents implements IntentRepository {

    private final EventJournal journal;

    EventJournalIntents(EventJournal journal) {
        this.journal = journal;
    }

    @Override
    public Optional<Intent> find(String step) {
        return journal.intent(step).map(at -> new Intent(OpenPanelOperation.CREATE, at));
    }

    @Override
    public void record(String step, Intent intent) {
        if (intent.operation() == OpenPanelOperation.CREATE) {
            journal.recordIntent(step);
        }
    }

    @Override
    public void succeeded(String step) {
        // The step's outcome, recorded next by its done step, closes the intent.
    }
}
