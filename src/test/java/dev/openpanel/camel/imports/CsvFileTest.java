package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsing rules of PRODUCT.md section 6, on real files. */
class CsvFileTest {

    @TempDir
    Path dir;

    @Test
    void aBomSemicolonsCaseInsensitiveHeadersQuotesAndBlankLinesAreAllUnderstood() throws Exception {
        Path file = write("\uFEFFNAME;Domain;CORS\r\n"
                + "\"Shop; EU\";https://shop.example.eu;https://a.example|https://b.example\r\n"
                + "\r\n"
                + "\"Multi\nline\";;\r\n"
                + " ; ; \r\n"
                + "Plain;\"https://q.example\";\r\n");
        CsvFile csv = CsvFile.open(file, ImportKind.PROJECTS);
        assertThat(csv.columns()).containsExactly("name", "domain", "cors");
        assertThat(csv.countRows()).isEqualTo(3);
        List<CsvRow> rows = rows(csv);
        assertThat(rows).extracting(CsvRow::number).containsExactly(1, 2, 3);
        assertThat(rows.get(0).value("name")).isEqualTo("Shop; EU");
        assertThat(rows.get(0).value("cors")).isEqualTo("https://a.example|https://b.example");
        assertThat(rows.get(1).value("name")).isEqualTo("Multi\nline");
        assertThat(rows.get(1).value("domain")).isNull();
        assertThat(rows.get(2).value("domain")).isEqualTo("https://q.example");
    }

    @Test
    void commasAreTheDelimiterWhenTheHeaderUsesMoreOfThem() throws Exception {
        CsvFile csv = CsvFile.open(write("projectId,title,datetime\nshop,\"Deploy; v1\",2026-11-22\n"), ImportKind.REFERENCES);
        assertThat(rows(csv).get(0).value("title")).isEqualTo("Deploy; v1");
    }

    @Test
    void anUnknownColumnRejectsTheFileNamingTheExpectedColumns() {
        assertThatThrownBy(() -> CsvFile.open(write("nmae,domain\nx,\n"), ImportKind.PROJECTS))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("unknown column 'nmae'; expected columns: action, id, name, domain, cors, crossDomain, types, "
                        + "allowUnsafeRevenueTracking");
    }

    @Test
    void aMissingRepeatedOrEmptyHeaderRejectsTheFile() {
        assertThatThrownBy(() -> CsvFile.open(write("domain,cors\nhttps://x.example,\n"), ImportKind.PROJECTS))
                .hasMessageStartingWith("missing column: a projects file needs name or id");
        assertThatThrownBy(() -> CsvFile.open(write("name,Name\nx,y\n"), ImportKind.PROJECTS))
                .hasMessageStartingWith("column 'name' appears twice");
        assertThatThrownBy(() -> CsvFile.open(write(""), ImportKind.CLIENTS)).hasMessageStartingWith("the file is empty");
    }

    @Test
    void aFileThatIsNotUtf8OrHasAnUnclosedQuoteIsRejected() throws Exception {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name\nK\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvFile.open(latin1, ImportKind.PROJECTS).countRows()).isInstanceOf(ImportRejectedException.class);
        CsvFile unclosed = CsvFile.open(write("name,domain\n\"never closed,x\nmore\n"), ImportKind.PROJECTS);
        assertThatThrownBy(unclosed::countRows).isInstanceOf(ImportRejectedException.class).hasMessageContaining("data row 1");
    }

    @Test
    void mistakesAreToldInTheUsersTermsLineAndColumnFirstBadLineAndTheRightFolder() throws Exception {
        CsvFile unclosed = CsvFile.open(write("name,domain\nfine,https://f.example\nbad,\"https://never.closed\n"),
                ImportKind.PROJECTS);
        assertThatThrownBy(unclosed::countRows)
                .hasMessageStartingWith("data row 2 cannot be read: line 3: a quoted value that starts there is not closed")
                .hasMessageNotContaining("reference chain");

        Path latin1 = dir.resolve("latin1-late.csv");
        Files.write(latin1, "name\nBerlin\nHamburg\nK\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvFile.open(latin1, ImportKind.PROJECTS).countRows())
                .hasMessageStartingWith("the file is not UTF-8: line 4 is not; save it as UTF-8");
        Path latin1Header = dir.resolve("latin1-header.csv");
        Files.write(latin1Header, "n\u00e4me\nx\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvFile.open(latin1Header, ImportKind.PROJECTS))
                .hasMessageStartingWith("the file is not UTF-8: line 1 is not");

        assertThatThrownBy(() -> CsvFile.open(write("name,project,type\nci,shop,read\n"), ImportKind.PROJECTS))
                .hasMessageStartingWith("unknown column 'project'")
                .hasMessageEndingWith("These are the columns of a clients file: put it in inbox/clients/");
        assertThatThrownBy(() -> CsvFile.open(write("nmae,domain\nx,\n"), ImportKind.PROJECTS))
                .message().doesNotContain("inbox/");
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "import", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<CsvRow> rows(CsvFile csv) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvFile.Rows iterator = csv.rows()) {
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }
}
