package dev.openpanel.camel.simulator;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Project ids as the server makes them: a slug of the name ({@code My Shop} gives {@code my-shop},
 * {@code Åland Öl | Bar} gives {@code aland-ol-bar}, {@code ✓} gives the empty id), made unique with a random
 * {@code -1000..9999} suffix that replaces an existing one.
 */
final class Slugs {

    private Slugs() {
    }

    static String slug(String name) {
        String decomposed = Normalizer.normalize(name.trim(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String kept = decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9\\s-]", "");
        return kept.trim().replaceAll("[\\s-]+", "-").replaceAll("^-+|-+$", "");
    }

    static String uniqueId(String name, Predicate<String> taken, Random random) {
        String id = slug(name);
        if (!taken.test(id)) {
            return id;
        }
        String stem = id.replaceFirst("-?\\d{4}$", "");
        while (true) {
            String digits = String.valueOf(1000 + random.nextInt(9000));
            String candidate = stem.isEmpty() ? digits : stem + "-" + digits;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
