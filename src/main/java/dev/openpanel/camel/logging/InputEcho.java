package dev.openpanel.camel.logging;

/**
 * How input is echoed back in log lines, messages and output files, so that no input, however long or odd, makes a
 * huge log line or forges one: a value quoted in a message or log line keeps its first {@value #MESSAGE_LIMIT}
 * characters, with control characters written as escapes ({@code \n}, {@code \u0000}); a cell of an output file keeps
 * its first {@value #CELL_LIMIT} (the longest value a checked field may have). What is cut is noted with the whole
 * length: {@code aaaa…(10485760 characters)}.
 */
public final class InputEcho {

    /** Characters of a value kept in a message or log line. */
    public static final int MESSAGE_LIMIT = 200;
    /** Characters of a value kept in a cell of a results, errors or plan file. */
    public static final int CELL_LIMIT = 2000;

    private InputEcho() {
    }

    /** The value for a message or log line: capped, control characters escaped; {@code null} stays {@code null}. */
    public static String quoted(String value) {
        if (value == null) {
            return null;
        }
        String capped = cap(value, MESSAGE_LIMIT);
        StringBuilder text = new StringBuilder(capped.length());
        capped.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        text.append(String.format("\\u%04x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.toString();
    }

    /** The value for a cell of an output file: capped at {@value #CELL_LIMIT} characters, otherwise as it is. */
    public static String cell(String value) {
        return value == null ? null : cap(value, CELL_LIMIT);
    }

    /** The first {@code limit} characters (never half a surrogate pair), and the whole length when something was cut. */
    public static String cap(String value, int limit) {
        if (value.length() <= limit) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end) + "…(" + value.length() + " characters)";
    }
}
