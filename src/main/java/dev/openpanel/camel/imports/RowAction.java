package dev.openpanel.camel.imports;

import dev.openpanel.camel.component.model.LowerCaseEnums;

/** The {@code action} column: what a row asks for. */
public enum RowAction {
    /** Create when absent, update what differs when present, nothing when equal (the default). */
    UPSERT,
    CREATE,
    UPDATE,
    DELETE;

    public String value() {
        return LowerCaseEnums.value(this);
    }

    /** An empty cell means {@link #UPSERT}. */
    public static RowAction parse(String text) {
        return text == null || text.isBlank() ? UPSERT : LowerCaseEnums.parse(RowAction.class, text, "action");
    }
}
