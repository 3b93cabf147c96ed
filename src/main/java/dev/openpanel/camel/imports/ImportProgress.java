package dev.openpanel.camel.imports;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a running import's progress (rows done of total, rate, estimated time left) at a fixed interval. */
final class ImportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ImportProgress.class);

    private final String file;
    private final int total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private final int alreadyDone;
    private long lastLog = start;
    private int done;

    ImportProgress(String file, int total, int alreadyDone, Duration interval) {
        this.file = file;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.done = alreadyDone;
        this.intervalNanos = interval.toNanos();
    }

    void rowDone() {
        done++;
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            double rate = (done - alreadyDone) / ((now - start) / 1e9);
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            LOG.info("Import of {}: {}/{} rows ({}%), {} rows/s, about {} left", file, done, total,
                    total == 0 ? 100 : done * 100 / total, String.format("%.1f", rate),
                    eta < 0 ? "?" : Duration.ofSeconds(eta).toString().substring(2).toLowerCase());
        }
    }
}
