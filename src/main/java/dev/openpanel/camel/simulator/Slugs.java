package dev.openpanel.camel.simulator;

import java.util.Random;
import java.util.function.Predicate;

import dev.openpanel.camel.component.model.ProjectIds;

/**
 * Project ids as the server makes them: a slug of the name ({@link ProjectIds#slug}: {@code My Shop} gives
 * {@code my-shop}, {@code Åland Öl | Bar} gives {@code aland-ol-bar}, {@code ✓} and {@code 日本語のプロジェクト} give
 * the empty id), made unique with a random {@code -1000..9999} suffix that replaces an existing one (after the empty
 * id: digits only).
 */
final class Slugs {

    private Slugs() {
    }

    static String uniqueId(String name, Predicate<String> taken, Random random) {
        String id = ProjectIds.slug(name);
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
