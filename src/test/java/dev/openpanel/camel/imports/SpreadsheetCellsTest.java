package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP's CSV-injection rule for every cell the tool writes. */
class SpreadsheetCellsTest {

    @Test
    void aCellThatASpreadsheetWouldReadAsAFormulaGetsASingleQuoteInFront() {
        assertThat(SpreadsheetCells.safe("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(SpreadsheetCells.safe("+1+1")).isEqualTo("'+1+1");
        assertThat(SpreadsheetCells.safe("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetCells.safe("@SUM(1+1)")).isEqualTo("'@SUM(1+1)");
        assertThat(SpreadsheetCells.safe("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.safe("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void otherCellsAreKeptAndAHugeOneIsCapped() {
        assertThat(SpreadsheetCells.safe("Shop = EU")).isEqualTo("Shop = EU");
        assertThat(SpreadsheetCells.safe("")).isEmpty();
        assertThat(SpreadsheetCells.safe("x".repeat(3000))).isEqualTo("x".repeat(2000) + "…(3000 characters)");
    }
}
