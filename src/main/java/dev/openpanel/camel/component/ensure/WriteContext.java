package dev.openpanel.camel.component.ensure;

import dev.openpanel.camel.component.api.ManageApi;

/**
 * What a write of the component needs besides its body: the unit's snapshot, where intents go and under which key,
 * and the options of the call.
 *
 * @param api            the API at the step's priority: writes go through it (the snapshot's may be another priority)
 * @param snapshot       the unit of work's listing
 * @param intents        the job's durable intents, or the snapshot's in-memory ones
 * @param intentKey      the key of this piece of work in {@code intents}
 * @param id             the resource to act on, when named by id (null: by natural key)
 * @param dryRun         decide but send no write
 * @param createIfAbsent whether {@code ensure} creates a missing resource (false: a missing one is an error)
 * @param notFoundIsGone whether {@code delete} answers {@code already-gone} for a 404 instead of failing
 */
public record WriteContext(ManageApi api, ResourceSnapshot snapshot, IntentRepository intents, String intentKey, String id, boolean dryRun,
        boolean createIfAbsent, boolean notFoundIsGone) {
}
