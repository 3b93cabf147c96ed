package dev.openpanel.camel.rotation;

import dev.openpanel.camel.component.model.Secret;

/**
 * One pass of a rotation through {@code direct:rotate-client}: its journal, what was asked, and what this pass did.
 * Kept on the exchange as the property {@value Rotations#ROTATION}.
 */
final class Rotation {

    final RotationJournal journal;
    final String clientId;
    final boolean root;
    final boolean now;
    final String trigger;
    /** The new secret, when this pass created the new client. */
    Secret newSecret;
    /** Creates of this pass whose answer was lost. */
    int lostAnswers;
    /** Whether this pass changed anything (a repeat of a finished rotation changes nothing and writes no report). */
    boolean changed;

    Rotation(RotationJournal journal, String clientId, boolean root, boolean now, String trigger) {
        this.journal = journal;
        this.clientId = clientId;
        this.root = root;
        this.now = now;
        this.trigger = trigger;
    }
}
