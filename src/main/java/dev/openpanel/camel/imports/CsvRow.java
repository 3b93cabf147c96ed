package dev.openpanel.camel.imports;

import java.util.List;
import java.util.Map;

/**
 * One data row of a CSV file.
 *
 * @param number 1-based number among the data rows (the header and blank lines do not count)
 * @param values cell values by documented column name, trimmed; absent columns are missing from the map
 * @param cells  the row's cells as read, for the errors file
 * @param extra  how many cells the row has beyond the header's columns (a row error when above 0)
 */
public record CsvRow(int number, Map<String, String> values, List<String> cells, int extra) {

    /** The trimmed value of a column; null when the column is absent or the cell empty. */
    public String value(String column) {
        String value = values.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Whether the file has the column (whatever this row's cell holds). */
    public boolean has(String column) {
        return values.containsKey(column);
    }
}
