package dev.openpanel.camel.imports;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.error.OpenPanelErrors;

/**
 * Waits while the API is unavailable (outage, rate limit, refused credentials): the import keeps its place and tries
 * again after a backoff that doubles up to a maximum. Says so once when it pauses and once when it resumes.
 */
final class ImportPause {

    private static final Logger LOG = LoggerFactory.getLogger(ImportPause.class);

    private final ImportSettings settings;
    private final BooleanSupplier stopping;
    private final boolean giveUp;
    private Duration next;

    /**
     * @param stopping tells when the service is stopping, so a pause ends at once
     * @param giveUp   a one-shot command does not wait: it stops, and a later run resumes
     */
    ImportPause(ImportSettings settings, BooleanSupplier stopping, boolean giveUp) {
        this.settings = settings;
        this.stopping = stopping;
        this.giveUp = giveUp;
    }

    /** Waits before trying the row again, or throws {@link ImportInterruptedException} when it must not wait. */
    void await(String file, int row, int total, Throwable reason) {
        String why = OpenPanelErrors.isCredentialsProblem(reason) ? "the API refuses the credentials" : "the API is unavailable";
        if (giveUp || stopping.getAsBoolean()) {
            throw new ImportInterruptedException("Import of " + file + " stopped at row " + row + " of " + total + ": " + why
                    + "; it resumes there on the next run", reason);
        }
        if (next == null) {
            next = settings.pauseBackoff();
            LOG.warn("Import of {} paused at row {} of {}: {} ({}). The file stays in the inbox; trying again until the API "
                    + "answers", file, row, total, why, reason.getMessage());
        }
        sleep(next, file, reason);
        next = next.multipliedBy(2).compareTo(settings.maxPauseBackoff()) > 0 ? settings.maxPauseBackoff() : next.multipliedBy(2);
    }

    /** After a success: ends a pause, if there was one. */
    void resumed(String file, int row) {
        if (next != null) {
            LOG.info("Import of {} resumed at row {}", file, row);
            next = null;
        }
    }

    private void sleep(Duration wait, String file, Throwable reason) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (stopping.getAsBoolean()) {
                    throw new ImportInterruptedException("Import of " + file + " stopped while paused; it resumes on the next run",
                            reason);
                }
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportInterruptedException("Import of " + file + " interrupted while paused", e);
        }
    }
}
