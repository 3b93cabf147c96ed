package dev.openpanel.camel.provisioning;

import dev.openpanel.camel.component.ensure.ResourceSnapshot;

/**
 * One event while it is provisioned: the validated event, its journal (held, and locked, until the exchange is done),
 * the delivery it came with, and the snapshot its steps share. Lives in an exchange property.
 *
 * @param event    the validated event
 * @param journal  the event id's journal
 * @param delivery what identifies this delivery (a JMS message id, a Kafka offset)
 * @param snapshot the organisation's listings, shared by the event's steps
 */
record EventUnit(DeploymentEvent event, EventJournal journal, String delivery, ResourceSnapshot snapshot) {

    /** The project's id, once its step has an outcome. */
    String projectId() {
        return journal.outcome("project").map(StepOutcome::id).orElse(null);
    }
}
