package dev.openpanel.camel.imports;

/**
 * A row handed to the import's split: the CSV row, what validation made of it (the typed row, or why it is invalid),
 * and its {@link RowTicket}.
 *
 * @param csv       the row as read
 * @param row       the valid row, or null
 * @param rejection why the row is invalid, or null
 * @param ticket    its place in the file's order
 */
public record AdmittedRow(CsvRow csv, ImportRow row, String rejection, RowTicket ticket) {
}
