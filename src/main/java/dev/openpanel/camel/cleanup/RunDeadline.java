package dev.openpanel.camel.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one cleanup run may take ({@code openpanel.cleanup.max-duration}), on the job's clock. The run checks it
 * while it matches resources against the rules and before every delete; once it has passed, the run starts nothing
 * more and another run may begin.
 */
final class RunDeadline {

    private final Clock clock;
    private final Instant end;
    private final Duration limit;

    RunDeadline(Clock clock, Duration limit) {
        this.clock = clock;
        this.limit = limit;
        this.end = clock.instant().plus(limit);
    }

    boolean passed() {
        return !clock.instant().isBefore(end);
    }

    /** @throws RunTooLongException once the deadline has passed */
    void check() {
        if (passed()) {
            throw new RunTooLongException(reason());
        }
    }

    String reason() {
        return "the run took longer than openpanel.cleanup.max-duration (" + limit.toString().substring(2).toLowerCase() + ")";
    }

    /** A run went past its deadline while planning. */
    static final class RunTooLongException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunTooLongException(String message) {
            super(message);
        }
    }
}
