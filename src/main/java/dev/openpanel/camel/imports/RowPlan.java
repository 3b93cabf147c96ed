package dev.openpanel.camel.imports;

import dev.openpanel.camel.component.OpenPanelOperation;

/** What a row needs: nothing more (its result is known), or one {@code openpanel:} step. */
sealed interface RowPlan {

    /** No call: the row failed before any call, or a dry run already knows what it would do. */
    record Known(RowResult result) implements RowPlan {
    }

    /**
     * One step through the {@code openpanel:} component.
     *
     * @param operation      ensure, create or delete
     * @param body           the request ({@code ProjectRequest}, {@code ClientRequest}, {@code ReferenceRequest}), or null
     * @param id             the resource to delete, or for ensure the resource named by id (null: by natural key)
     * @param createIfAbsent for ensure: whether a missing resource is created (upsert) or an error (update)
     */
    record Call(OpenPanelOperation operation, Object body, String id, boolean createIfAbsent) implements RowPlan {
    }
}
