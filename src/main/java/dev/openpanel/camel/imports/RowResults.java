package dev.openpanel.camel.imports;

/** Builds the {@link RowResult} of a row. */
final class RowResults {

    private RowResults() {
    }

    static RowResult of(ImportRow row, ImportKind kind, String status, String id, String name, String message) {
        return new RowResult(row.number(), row.action().value(), status, kind.resource().singular(), id, name, message, null);
    }

    /** A failed row, with its cells as read for the errors file. */
    static RowResult failed(ImportKind kind, CsvRow csvRow, ImportRow row, String message) {
        String action = row != null ? row.action().value()
                : csvRow.value("action") == null ? RowAction.UPSERT.value() : csvRow.value("action");
        return new RowResult(csvRow.number(), action, RowResult.FAILED, kind.resource().singular(),
                row != null ? row.id() : csvRow.value("id"),
                row != null ? row.name() : csvRow.value(kind == ImportKind.REFERENCES ? "title" : "name"), message,
                csvRow.cells());
    }
}
