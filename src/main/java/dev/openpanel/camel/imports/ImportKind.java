package dev.openpanel.camel.imports;

import java.util.List;
import java.util.Locale;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.model.LowerCaseEnums;

/** What a CSV drop folder imports, with the columns its files may have (PRODUCT.md section 6). */
public enum ImportKind {
    PROJECTS(OpenPanelResource.PROJECTS,
             List.of("action", "id", "name", "domain", "cors", "crossDomain", "types", "allowUnsafeRevenueTracking"),
             List.of("name", "id")),
    CLIENTS(OpenPanelResource.CLIENTS,
            List.of("action", "id", "name", "projectId", "project", "type"),
            List.of("name", "id")),
    REFERENCES(OpenPanelResource.REFERENCES,
               List.of("action", "id", "projectId", "project", "title", "description", "datetime"),
               List.of("title", "id"));

    private final OpenPanelResource resource;
    private final List<String> columns;
    private final List<String> identifying;

    ImportKind(OpenPanelResource resource, List<String> columns, List<String> identifying) {
        this.resource = resource;
        this.columns = columns;
        this.identifying = identifying;
    }

    public OpenPanelResource resource() {
        return resource;
    }

    /** The column names, as documented (matched case-insensitively). */
    public List<String> columns() {
        return columns;
    }

    /** A file must have at least one of these columns. */
    public List<String> identifyingColumns() {
        return identifying;
    }

    /** The documented name of a header cell, or null when the kind has no such column. */
    public String canonicalColumn(String header) {
        String wanted = header.trim().toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted)).findFirst().orElse(null);
    }

    public String value() {
        return LowerCaseEnums.value(this);
    }

    /** Parses {@code projects}, {@code clients} or {@code references}. */
    public static ImportKind parse(String text) {
        return LowerCaseEnums.parse(ImportKind.class, text, "import kind");
    }
}
