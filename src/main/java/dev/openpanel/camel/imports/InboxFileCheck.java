package dev.openpanel.camel.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.openpanel.camel.logging.InputEcho;

/**
 * Decides whether a file that appeared in an inbox may be imported: a regular file (never a symbolic link, which is
 * not followed, nor a pipe, socket or device) whose name is a plain {@code *.csv} name (no control characters, no
 * path tricks such as {@code \}, {@code ..} or {@code %2F}, not hidden).
 */
final class InboxFileCheck {

    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

    private InboxFileCheck() {
    }

    /** Why the file cannot be imported, or null when it can. */
    /** Why a folder in an inbox is not imported. */
    static final String FOLDER = "it is a folder; only CSV files directly in the inbox are imported: move its files into the "
            + "inbox itself";

    static String refusal(Path file) {
        String name = file.getFileName().toString();
        if (Files.isSymbolicLink(file)) {
            return "it is a symbolic link (to " + target(file) + "); links in an inbox are never followed: move or copy the "
                    + "file itself into the inbox";
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return FOLDER;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "it is not a regular file (a named pipe, socket or device); only CSV files can be imported";
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return "its name contains control characters (such as a line break); rename it to a plain name ending in .csv";
        }
        if (name.contains("\\") || name.contains("..") || PERCENT_ESCAPE.matcher(name).find()) {
            return "its name looks like a path (it contains \\, .. or a %-escape such as %2F); rename it to a plain name "
                    + "ending in .csv";
        }
        if (name.startsWith(".")) {
            return "its name starts with a dot (a hidden file); write files elsewhere and move them into the inbox under "
                    + "their final name";
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return "its name does not end in .csv; only CSV files can be imported";
        }
        return null;
    }

    private static String target(Path link) {
        try {
            return "'" + InputEcho.quoted(Files.readSymbolicLink(link).toString()) + "'";
        } catch (IOException | UnsupportedOperationException e) {
            return "an unreadable target";
        }
    }
}
