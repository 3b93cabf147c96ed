package dev.openpanel.camel.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.openpanel.camel.component.model.AbsoluteUrls;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.FieldLimits;
import dev.openpanel.camel.component.model.IsoInstants;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.imports.ImportRow.ClientRow;
import dev.openpanel.camel.imports.ImportRow.ProjectRef;
import dev.openpanel.camel.imports.ImportRow.ProjectRow;
import dev.openpanel.camel.imports.ImportRow.ReferenceRow;
import dev.openpanel.camel.logging.InputEcho;

/**
 * Checks a row before any call, with the API's own rules (a name is not empty, a domain is an absolute URL, types and
 * client types come from their lists, a date-time is an ISO-8601 instant or a bare date, booleans are true or false)
 * and this tool's length limits ({@link FieldLimits}), and says what is wrong in words a person understands; values
 * are quoted capped ({@link InputEcho}). An empty cell means "not given"; {@code |} separates the
 * values of a multi-valued cell.
 */
final class RowValidator {

    private RowValidator() {
    }

    static ImportRow validate(ImportKind kind, CsvRow row) {
        if (row.extra() > 0) {
            throw new RowRejectedException("the row has " + row.cells().size() + " values but the header has "
                    + row.values().size() + " columns");
        }
        limit("id", row.value("id"), FieldLimits.ID);
        limit("projectId", row.value("projectId"), FieldLimits.ID);
        limit("project", row.value("project"), FieldLimits.NAME);
        RowAction action;
        try {
            action = RowAction.parse(row.value("action"));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(e.getMessage());
        }
        return switch (kind) {
            case PROJECTS -> project(row, action);
            case CLIENTS -> client(row, action);
            case REFERENCES -> reference(row, action);
        };
    }

    private static ProjectRow project(CsvRow row, RowAction action) {
        String id = row.value("id");
        String name = row.value("name");
        if (name == null && (id == null || action == RowAction.CREATE)) {
            throw new RowRejectedException("name is empty" + (action == RowAction.CREATE ? "" : " and there is no id"));
        }
        limit("name", name, FieldLimits.NAME);
        ProjectRequest.Builder desired = ProjectRequest.builder().name(name);
        String domain = row.value("domain");
        if (domain != null) {
            desired.domain(absoluteUrl("domain", domain));
        }
        if (row.value("cors") != null) {
            desired.cors(values(row.value("cors")));
        }
        desired.crossDomain(bool(row, "crossDomain"));
        desired.allowUnsafeRevenueTracking(bool(row, "allowUnsafeRevenueTracking"));
        if (row.value("types") != null) {
            try {
                desired.types(values(row.value("types")).stream().map(ProjectType::parse).toList());
            } catch (IllegalArgumentException e) {
                throw new RowRejectedException("types: " + e.getMessage());
            }
        }
        return new ProjectRow(row.number(), action, id, desired.build());
    }

    private static ClientRow client(CsvRow row, RowAction action) {
        String id = row.value("id");
        String name = row.value("name");
        boolean byId = id != null && (action == RowAction.DELETE || action == RowAction.UPDATE || action == RowAction.UPSERT);
        if (name == null && !(byId && action == RowAction.DELETE)) {
            throw new RowRejectedException("name is empty");
        }
        limit("name", name, FieldLimits.NAME);
        ProjectRef project = projectRef(row);
        if (project == null && !byId) {
            throw new RowRejectedException("projectId and project are both empty: name the client's project");
        }
        ClientType type;
        try {
            type = row.value("type") == null ? ClientType.WRITE : ClientType.parse(row.value("type"));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(e.getMessage());
        }
        return new ClientRow(row.number(), action, id, name, project, type);
    }

    private static ReferenceRow reference(CsvRow row, RowAction action) {
        String id = row.value("id");
        boolean byId = id != null && action != RowAction.CREATE;
        String title = row.value("title");
        if (title == null && !(byId && action == RowAction.DELETE)) {
            throw new RowRejectedException("title is empty");
        }
        limit("title", title, FieldLimits.NAME);
        limit("description", row.values().get("description"), FieldLimits.DESCRIPTION);
        ProjectRef project = projectRef(row);
        if (project == null && !byId) {
            throw new RowRejectedException("projectId and project are both empty: name the reference's project");
        }
        String datetime = row.value("datetime");
        if (datetime == null && !byId) {
            throw new RowRejectedException("datetime is empty: give an ISO-8601 instant (2026-11-22T10:00:00Z) or a date");
        }
        try {
            return new ReferenceRow(row.number(), action, id, project, title,
                    row.has("description") ? row.values().get("description") : null,
                    datetime == null ? null : IsoInstants.parse(datetime));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException("datetime: " + e.getMessage());
        }
    }

    private static ProjectRef projectRef(CsvRow row) {
        if (row.value("projectId") != null) {
            return new ProjectRef(row.value("projectId"), null);
        }
        return row.value("project") == null ? null : new ProjectRef(null, row.value("project"));
    }

    private static Boolean bool(CsvRow row, String column) {
        String value = row.value(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new RowRejectedException(column + " must be true or false, got '" + InputEcho.quoted(value) + "'");
        };
    }

    /** The non-empty values of a cell separated by {@code |}, trimmed. */
    private static List<String> values(String cell) {
        List<String> values = new ArrayList<>(2);
        int start = 0;
        while (start <= cell.length()) {
            int end = cell.indexOf('|', start);
            if (end < 0) {
                end = cell.length();
            }
            String value = cell.substring(start, end).trim();
            if (!value.isEmpty()) {
                values.add(value);
            }
            start = end + 1;
        }
        return List.copyOf(values);
    }

    private static String absoluteUrl(String column, String value) {
        if (!AbsoluteUrls.isAbsolute(value)) {
            throw new RowRejectedException(column + " '" + InputEcho.quoted(value) + "' is not an absolute URL (e.g. "
                    + AbsoluteUrls.EXAMPLE + ")");
        }
        return value;
    }

    private static void limit(String column, String value, int limit) {
        String problem = FieldLimits.problem(column, value, limit);
        if (problem != null) {
            throw new RowRejectedException(problem);
        }
    }
}
