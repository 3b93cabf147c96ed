package dev.openpanel.camel.imports;

/**
 * A row did not run because an earlier row touching the same resource ended without a result (the import stopped):
 * both are imported, in order, on the next run.
 */
public final class RowOrderBrokenException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    RowOrderBrokenException(int row, int earlier) {
        super("row " + row + " waits for row " + earlier + ", which stopped without a result; both run again on the next run");
    }
}
