package dev.openpanel.camel.imports;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Makes a cell of an output file safe to open in a spreadsheet (OWASP's CSV-injection rule): a cell that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return would be read as a formula, so it gets a
 * single quote in front. Cells are also capped ({@link InputEcho#cell}), so a 10 MB value never makes a 10 MB file.
 */
final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        String capped = InputEcho.cell(cell);
        return "=+-@\t\r".indexOf(capped.charAt(0)) >= 0 ? "'" + capped : capped;
    }
}
