package dev.openpanel.camel.imports;

import java.util.List;

/**
 * The final outcome of one row, as the results file shows it ({@code row,action,status,resource,id,name,message}).
 *
 * @param row      1-based data row number
 * @param action   the row's action
 * @param status   created, updated, deleted, unchanged or failed (in a dry run: would-create, would-update, would-delete)
 * @param resource project, client or reference
 * @param id       the resource's id, when known
 * @param name     its name (a reference's title)
 * @param message  why it failed, or a note (never a secret)
 * @param cells    the row as read, kept for the errors file of failed rows; empty otherwise
 */
public record RowResult(int row, String action, String status, String resource, String id, String name, String message,
        List<String> cells) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILED = "failed";

    public RowResult {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
