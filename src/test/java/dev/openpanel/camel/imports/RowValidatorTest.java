package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.imports.ImportRow.ClientRow;
import dev.openpanel.camel.imports.ImportRow.ProjectRow;
import dev.openpanel.camel.imports.ImportRow.ReferenceRow;

/** Each validation rule, with the message a person reads in the results file. */
class RowValidatorTest {

    @Test
    void aValidProjectRowKeepsOnlyTheFieldsItSetsAndSplitsMultiValuedCells() {
        ProjectRow row = (ProjectRow) RowValidator.validate(ImportKind.PROJECTS, row(Map.of("name", "Shop",
                "types", "website | app|", "cors", "https://a.example||https://b.example", "crossDomain", "TRUE", "domain", "")));
        assertThat(row.action()).isEqualTo(RowAction.UPSERT);
        assertThat(row.desired().types()).containsExactly(ProjectType.WEBSITE, ProjectType.APP);
        assertThat(row.desired().cors()).containsExactly("https://a.example", "https://b.example");
        assertThat(row.desired().crossDomain()).isTrue();
        assertThat(row.desired().domain()).isNull();
        assertThat(row.desired().allowUnsafeRevenueTracking()).isNull();
    }

    @Test
    void projectRowsAreCheckedAsTheApiWould() {
        assertRejected(ImportKind.PROJECTS, Map.of("name", ""), "name is empty and there is no id");
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "domain", "shop.example.com"),
                "domain 'shop.example.com' is not an absolute URL (e.g. https://shop.example.com)");
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "types", "website|web"),
                "types: unknown project type 'web': expected one of website, app, backend");
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "crossDomain", "yes"), "crossDomain must be true or false, got 'yes'");
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "action", "merge"),
                "unknown action 'merge': expected one of upsert, create, update, delete");
        assertThat(RowValidator.validate(ImportKind.PROJECTS, row(Map.of("id", "shop", "action", "delete"))).id()).isEqualTo("shop");
    }

    @Test
    void clientRowsNeedANameAProjectAndAKnownType() {
        ClientRow row = (ClientRow) RowValidator.validate(ImportKind.CLIENTS, row(Map.of("name", "ci", "project", "Shop")));
        assertThat(row.type()).isEqualTo(ClientType.WRITE);
        assertThat(row.project().name()).isEqualTo("Shop");
        assertRejected(ImportKind.CLIENTS, Map.of("name", "ci", "projectId", "", "project", ""),
                "projectId and project are both empty: name the client's project");
        assertRejected(ImportKind.CLIENTS, Map.of("name", "ci", "projectId", "shop", "type", "admin"),
                "unknown client type 'admin': expected one of read, write, root");
        assertRejected(ImportKind.CLIENTS, Map.of("name", "", "projectId", "shop"), "name is empty");
    }

    @Test
    void referenceRowsNeedATitleAProjectAndARealDate() {
        ReferenceRow row = (ReferenceRow) RowValidator.validate(ImportKind.REFERENCES,
                row(Map.of("projectId", "shop", "title", "Deploy", "datetime", "2026-11-22")));
        assertThat(row.datetime()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(row.description()).isNull();
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "shop", "title", "Deploy", "datetime", "yesterday"),
                "datetime: 'yesterday' is not an ISO-8601 date-time with a zone (e.g. 2026-11-22T10:00:00Z) or a date (2026-11-22)");
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "shop", "title", "Deploy", "datetime", ""),
                "datetime is empty: give an ISO-8601 instant (2026-11-22T10:00:00Z) or a date");
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "shop", "title", "", "datetime", "2026-11-22"), "title is empty");
    }

    @Test
    void namesTitlesAndDescriptionsAreCheckedAgainstTheLengthLimitsBeforeAnyCall() {
        assertRejected(ImportKind.PROJECTS, Map.of("name", "n".repeat(1_048_576)), "name is 1048576 characters long; the limit is 255");
        assertThat(RowValidator.validate(ImportKind.PROJECTS, row(Map.of("name", "n".repeat(255))))).isNotNull();
        assertRejected(ImportKind.CLIENTS, Map.of("name", "c".repeat(256), "projectId", "shop"),
                "name is 256 characters long; the limit is 255");
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "shop", "title", "t".repeat(300), "datetime", "2026-11-22"),
                "title is 300 characters long; the limit is 255");
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "shop", "title", "t", "datetime", "2026-11-22",
                "description", "d".repeat(2001)), "description is 2001 characters long; the limit is 2000");
        assertRejected(ImportKind.CLIENTS, Map.of("name", "c", "project", "p".repeat(1000)),
                "project is 1000 characters long; the limit is 255");
        assertRejected(ImportKind.REFERENCES, Map.of("projectId", "i".repeat(256), "title", "t", "datetime", "2026-11-22"),
                "projectId is 256 characters long; the limit is 255");
        assertRejected(ImportKind.PROJECTS, Map.of("id", "i".repeat(300), "action", "delete"), "id is 300 characters long; the limit is 255");
    }

    @Test
    void aValueQuotedInAMessageIsCappedAndItsLineBreaksEscaped() {
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "domain", "d".repeat(5000)),
                "domain '" + "d".repeat(200) + "…(5000 characters)' is not an absolute URL (e.g. https://shop.example.com)");
        assertRejected(ImportKind.PROJECTS, Map.of("name", "x", "crossDomain", "yes\nINFO forged"),
                "crossDomain must be true or false, got 'yes\\nINFO forged'");
    }

    @Test
    void aRowWithMoreValuesThanColumnsIsRefused() {
        CsvRow row = new CsvRow(1, Map.of("name", "x"), List.of("x", "surplus"), 1);
        assertThatThrownBy(() -> RowValidator.validate(ImportKind.PROJECTS, row))
                .hasMessage("the row has 2 values but the header has 1 columns");
    }

    private static void assertRejected(ImportKind kind, Map<String, String> values, String message) {
        assertThatThrownBy(() -> RowValidator.validate(kind, row(values))).isInstanceOf(RowRejectedException.class)
                .hasMessage(message);
    }

    private static CsvRow row(Map<String, String> values) {
        Map<String, String> ordered = new LinkedHashMap<>(values);
        return new CsvRow(1, ordered, List.copyOf(ordered.values()), 0);
    }
}
