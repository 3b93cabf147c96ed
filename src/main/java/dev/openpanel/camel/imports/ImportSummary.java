package dev.openpanel.camel.imports;

import java.nio.file.Path;
import java.util.Map;

/**
 * How an import ended: counts by status, and where its outputs are.
 *
 * @param file            the input file's name
 * @param kind            projects, clients or references
 * @param rows            data rows
 * @param statuses        rows per status (created, updated, deleted, unchanged, failed; would-* for a dry run)
 * @param dryRun          whether nothing was written
 * @param alreadyImported whether the same content had been imported before (no API calls were made)
 * @param rejection       why the file as a whole could not be imported, or null
 * @param results         the results (or plan) file, or null when rejected
 * @param errors          the errors file, or null when no row failed
 * @param secrets         the secrets file, or null when no secret was returned
 */
public record ImportSummary(String file, String kind, int rows, Map<String, Integer> statuses, boolean dryRun,
        boolean alreadyImported, String rejection, Path results, Path errors, Path secrets) {

    public int failed() {
        return statuses.getOrDefault(RowResult.FAILED, 0);
    }

    /** One line for people: {@code batch-7.csv (projects): 60 rows: 58 created, 2 failed}. */
    public String describe() {
        if (rejection != null) {
            return file + " (" + kind + ") rejected: " + rejection;
        }
        StringBuilder text = new StringBuilder(file).append(" (").append(kind).append("): ").append(rows).append(" rows");
        java.util.List<String> counts = new java.util.ArrayList<>();
        statuses.forEach((status, count) -> counts.add(count + " " + status));
        if (!counts.isEmpty()) {
            text.append(": ").append(String.join(", ", counts));
        }
        if (alreadyImported) {
            text.append(" (already imported: no API calls)");
        }
        if (dryRun) {
            text.append(" (dry run: nothing was changed)");
        }
        return text.toString();
    }
}
