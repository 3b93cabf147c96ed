package dev.openpanel.camel.component.model;

import java.text.Normalizer;
import java.util.Locale;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Project ids as the server derives them from a name ({@code openpanel-manage-api.md}): accents are removed, only
 * Latin letters, digits, spaces and hyphens are kept, the rest lower-cased with runs of spaces and hyphens made one
 * hyphen ({@code My Shop} gives {@code my-shop}, {@code Åland Öl | Bar} gives {@code aland-ol-bar}). A name with none
 * of those ({@code ✓}, {@code 日本語のプロジェクト}) gives the empty id, and a project with the empty id cannot be read,
 * updated or deleted by id: such names are refused before they are sent.
 */
public final class ProjectIds {

    private ProjectIds() {
    }

    /** The id the server derives from the name, before any suffix that makes it unique. */
    public static String slug(String name) {
        String decomposed = Normalizer.normalize(name.trim(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String kept = decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9\\s-]", "");
        return kept.trim().replaceAll("[\\s-]+", "-").replaceAll("^-+|-+$", "");
    }

    /** A Latin letter or digit always survives the slug rule: most names need no normalising to know. */
    private static boolean hasAsciiLetterOrDigit(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Why a project of this name cannot be managed by id, or null when its id is not empty (or the name is empty). */
    public static String emptyIdProblem(String name) {
        if (name == null || name.isBlank() || hasAsciiLetterOrDigit(name) || !slug(name).isEmpty()) {
            return null;
        }
        return "the project name '" + InputEcho.quoted(name) + "' would get an empty id: the server keeps only Latin "
                + "letters (without accents), digits and hyphens of a name in its id, and a project with an empty id "
                + "cannot be updated or deleted through the API; add a Latin letter or a digit to the name";
    }
}
