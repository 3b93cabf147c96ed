package dev.openpanel.camel.rotation;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.state.JournalStore;

/**
 * Finds the rotations with work left (bean {@value #BEAN}, {@code routes/rotation.camel.yaml}): those whose old client's
 * grace is over, and those a crash interrupted before the new client was delivered (not those that failed for good: they
 * wait until someone asks again). Each goes through
 * {@code direct:rotate-client} again, which resumes it from its journal.
 */
public final class RotationSweep {

    /** Registry name of the sweep. */
    public static final String BEAN = "rotationSweep";
    private static final Logger LOG = LoggerFactory.getLogger(RotationSweep.class);

    private final JournalStore store;
    private final Supplier<Path> journals;
    private final Clock clock;

    public RotationSweep(JournalStore store, Supplier<Path> journals, Clock clock) {
        this.store = store;
        this.journals = journals;
        this.clock = clock;
    }

    /** The rotations to resume now, as {@link Due} items (the old client's id, and whether it is the root client). */
    public List<Due> due() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        try {
            for (RotationJournal journal : RotationJournal.unfinishedIn(store, journals.get())) {
                if (journal.failed() == null && (journal.delivered() == null || !journal.deleteAt().isAfter(now))) {
                    due.add(new Due(journal.old().id(), journal.old().root()));
                }
            }
        } catch (UncheckedIOException e) {
            LOG.warn("Rotation sweep could not read {}: {}", journals.get(), e.getCause().toString());
        }
        return due;
    }

    /** A rotation to resume: the old client and whether it is the tool's own root client. */
    public record Due(String clientId, boolean root) {
    }
}
