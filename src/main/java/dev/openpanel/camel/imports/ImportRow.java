package dev.openpanel.camel.imports;

import java.time.Instant;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.ProjectRequest;

/** A CSV row that passed validation, typed for its kind. */
public sealed interface ImportRow {

    /** The 1-based data row number. */
    int number();

    RowAction action();

    /** The id column, or null. */
    String id();

    /** What the results file shows in its name column (a reference's title). */
    String name();

    /** A project named by id or by name (resolved through the file's cache). */
    record ProjectRef(String id, String name) {
        String describe() {
            return id != null ? "project id '" + id + "'" : "project '" + name + "'";
        }
    }

    /** A projects row; {@code desired} holds only the fields the file sets. */
    record ProjectRow(int number, RowAction action, String id, ProjectRequest desired) implements ImportRow {
        @Override
        public String name() {
            return desired.name();
        }
    }

    /** A clients row. */
    record ClientRow(int number, RowAction action, String id, String name, ProjectRef project, ClientType type)
            implements ImportRow {
    }

    /** A references row; {@code description} is null when the file has no such column. */
    record ReferenceRow(int number, RowAction action, String id, ProjectRef project, String title, String description,
            Instant datetime) implements ImportRow {
        @Override
        public String name() {
            return title;
        }
    }
}
