package dev.openpanel.camel.routes;

import java.nio.file.Path;
import java.util.Map;

/**
 * One endpoint written in a YAML route file.
 *
 * @param file       the route file
 * @param where      where in the file, e.g. {@code route import-file > from > steps[1] > to}
 * @param uri        the {@code uri:} (or the shorthand {@code to: direct:x}) as written
 * @param parameters its {@code parameters:} map as written, in order
 * @param consumer   whether it is a {@code from:} (a consumer) rather than a producer
 */
record RouteEndpoint(Path file, String where, String uri, Map<String, String> parameters, boolean consumer) {

    @Override
    public String toString() {
        return file + ": " + where + ": " + uri + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
