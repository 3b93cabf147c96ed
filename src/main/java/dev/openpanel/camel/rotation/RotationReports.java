package dev.openpanel.camel.rotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.files.PrivateFiles;

/**
 * Writes {@code reports/rotation-<UTC timestamp>.json} (0600) for every pass of a rotation that did something: what
 * started it and each rotation's result, never a secret.
 */
public final class RotationReports {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DataDirectory data;
    private final Clock clock;

    public RotationReports(DataDirectory data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /** Writes one report and returns its file. */
    public synchronized Path write(String trigger, List<RotationResult> results) {
        Instant at = clock.instant();
        String stamp = STAMP.format(at);
        Path file = data.reports().resolve("rotation-" + stamp + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = data.reports().resolve("rotation-" + stamp + "-" + n + ".json");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("trigger", trigger);
        report.put("at", at.toString());
        report.put("rotations", results);
        try {
            return PrivateFiles.write(file, ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rotation report " + file, e);
        }
    }

    Path write(String trigger, RotationResult result) {
        return write(trigger, List.of(result));
    }
}
