package dev.openpanel.camel.routes;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.catalog.SuggestionStrategy;

/** Suggests the known options within two edits of an unknown one ({@code redLock}: {@code readLock}), closest first. */
final class ClosestOptions implements SuggestionStrategy {

    private static final int MAX_EDITS = 2;

    @Override
    public String[] suggestEndpointOptions(Set<String> names, String unknownOption) {
        String unknown = unknownOption.toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(name -> distance(name.toLowerCase(Locale.ROOT), unknown) <= MAX_EDITS)
                .sorted(Comparator.comparingInt((String name) -> distance(name.toLowerCase(Locale.ROOT), unknown))
                        .thenComparing(Comparator.naturalOrder()))
                .toArray(String[]::new);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
