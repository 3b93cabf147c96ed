package dev.openpanel.camel.retention;

import java.time.Duration;
import java.util.List;

/**
 * What one retention run deleted, by name relative to the data directory, and what it kept although old.
 *
 * @param secrets    secret files deleted
 * @param journals   finished journals deleted
 * @param reports    reports deleted
 * @param unfinished old journals kept because their work is not finished
 * @param inUse      old journals kept because they were open
 * @param tightened  folders and files that had to be made owner only
 * @param settings   the retention periods the run applied
 */
public record RetentionReport(List<String> secrets, List<String> journals, List<String> reports, int unfinished, int inUse,
        int tightened, RetentionSettings settings) {

    public RetentionReport {
        secrets = List.copyOf(secrets);
        journals = List.copyOf(journals);
        reports = List.copyOf(reports);
    }

    /** One line for the log, with counts only. */
    public String describe() {
        return "Retention run: " + (settings.secrets().isZero() ? "secret files kept forever"
                : "deleted " + secrets.size() + " secret files older than " + text(settings.secrets()))
                + "; " + (settings.state().isZero() ? "journals and reports kept forever"
                        : "deleted " + journals.size() + " finished journals and " + reports.size() + " reports older than "
                                + text(settings.state()) + ", kept " + unfinished + " old unfinished journals and " + inUse
                                + " in use")
                + (tightened > 0 ? "; made " + tightened + " folders and files owner only" : "");
    }

    private static String text(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : duration.toString();
    }
}
