package dev.openpanel.camel.imports;

import java.util.regex.Pattern;

import dev.openpanel.camel.state.Sha256;

/**
 * Names for the files the tool writes about an inbox file (its copy in {@code .failed/}, its errors file): the file's
 * own name when it is plain, otherwise that name with every character other than letters, digits, {@code _ - .} and
 * spaces made {@code _}, no {@code ..}, no leading dot, at most 100 characters, and a short hash of the original so
 * that two odd names never share one ({@code ..\..\evil.csv} gives {@code ____evil-<8 hex digits>.csv}).
 */
final class SafeFileNames {

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_ .-]{1,100}");

    private SafeFileNames() {
    }

    /** A safe file name for the original name (the same when it is plain). */
    static String of(String original) {
        if (isPlain(original)) {
            return original;
        }
        boolean csv = original.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        String base = csv ? original.substring(0, original.length() - 4) : original;
        StringBuilder safe = new StringBuilder();
        base.codePoints().forEach(c -> safe.appendCodePoint(Character.isLetterOrDigit(c) || "_ .-".indexOf(c) >= 0 ? c : '_'));
        String cleaned = safe.toString().replace("..", "_").replaceFirst("^[. ]", "_");
        if (cleaned.length() > 90) {
            cleaned = cleaned.substring(0, 90);
        }
        return cleaned + "-" + Sha256.hex(original).substring(0, 8) + (csv ? ".csv" : "");
    }

    /** Whether a name is safe as it is: letters, digits, {@code _ - .} and spaces, no {@code ..}, no leading dot. */
    static boolean isPlain(String name) {
        return PLAIN.matcher(name).matches() && !name.startsWith(".") && !name.contains("..") && name.equals(name.trim());
    }
}
