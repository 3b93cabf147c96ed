package dev.openpanel.camel.rotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

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
    private final Set<Path> reserved = new HashSet<>();

    public RotationReports(DataDirectory data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /** A new report file's name (not created yet). */
    public synchronized Path reserve() {
        String stamp = STAMP.format(clock.instant());
        Path file = data.reports().resolve("rotation-" + stamp + ".json");
        for (int n = 2; Files.exists(file) || reserved.contains(file); n++) {
            file = data.reports().resolve("rotation-" + stamp + "-" + n + ".json");
        }
        reserved.add(file);
        return file;
    }

    /** Writes a report (0600) to a reserved file. */
    public synchronized Path write(Path file, Object report) {
        try {
            return PrivateFiles.write(file, ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rotation report " + file, e);
        } finally {
            reserved.remove(file);
        }
    }

    /** Writes the report of one rotation's pass. */
    Path write(String trigger, RotationResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("trigger", trigger);
        report.put("at", clock.instant().toString());
        report.put("rotations", List.of(result));
        return write(reserve(), report);
    }
}
