package dev.openpanel.camel.imports;

import dev.openpanel.camel.component.OpenPanelOperation;

/** What a row needs: nothing more (its result is known), or one call to the API. */
sealed interface RowPlan {

    /** No call: the row is unchanged, or failed before any call. */
    record Known(RowResult result) implements RowPlan {
    }

    /**
     * One call through the {@code openpanel:} component.
     *
     * @param operation what to do
     * @param id        the resource to update or delete, or null for a create
     * @param request   the body ({@code ProjectRequest}, {@code ClientRequest}, {@code ReferenceRequest}), or null
     * @param note      a note for the results' message column (e.g. a type difference the API cannot patch), or null
     */
    record Call(OpenPanelOperation operation, String id, Object request, String note) implements RowPlan {
    }
}
