package dev.openpanel.camel.component.model;

/**
 * The longest names, titles and descriptions this tool sends. The Manage API states no maximum (it checks only that a
 * name or title has at least one character, see {@code openpanel-manage-api.md}) and stores them as unbounded text,
 * so these are limits of our own, sane for names that people read in a dashboard: they stop a runaway value (a
 * megabyte name) before any call, with a clear reason.
 */
public final class FieldLimits {

    /** Characters of a project name, a client name or a reference title. */
    public static final int NAME = 255;
    /** Characters of a reference description. */
    public static final int DESCRIPTION = 2000;
    /** Characters of an id given by a user (project ids are slugs of names; client and reference ids are UUIDs). */
    public static final int ID = 255;

    private FieldLimits() {
    }

    /** Why the value is too long for {@code field}, or null when it fits (or is null). */
    public static String problem(String field, String value, int limit) {
        if (value == null || value.length() <= limit) {
            return null;
        }
        return field + " is " + value.length() + " characters long; the limit is " + limit;
    }
}
