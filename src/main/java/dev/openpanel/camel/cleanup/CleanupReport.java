package dev.openpanel.camel.cleanup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.openpanel.camel.logging.InputEcho;

/**
 * What one cleanup run decided and did, written to {@code data/reports/cleanup-<UTC timestamp>.json}.
 *
 * @param runId          the run's id (its report's timestamp)
 * @param mode           {@code dry-run} or {@code apply}
 * @param trigger        schedule, http or command
 * @param startedAt      when it started
 * @param finishedAt     when it ended
 * @param durationMillis how long it took
 * @param rulesFile      the rules file used
 * @param rules          the rules, as understood
 * @param candidates     every candidate with its outcome
 * @param totals         candidates per outcome
 * @param guard          why nothing was deleted although candidates were found (max-deletes), or null
 * @param stoppedBecause why the run stopped before its end (the API became unreachable), or null
 * @param error          why the run could not plan at all (bad rules file, API unreachable), or null
 * @param rulesInvalid   whether {@code error} is about the rules file (a configuration problem, not the API)
 * @param file           where the report was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CleanupReport(String runId, String mode, String trigger, Instant startedAt, Instant finishedAt,
        long durationMillis, String rulesFile, List<Map<String, Object>> rules, List<CleanupCandidate> candidates,
        Map<String, Integer> totals, String guard, String stoppedBecause, String error, @JsonIgnore boolean rulesInvalid,
        @JsonIgnore Path file) {

    /** Whether something went wrong (bad rules, a failed delete, or a stop before the end). */
    public boolean hasProblems() {
        return error != null || stoppedBecause != null || totals.getOrDefault(CleanupCandidate.FAILED, 0) > 0;
    }

    /** One line for people. */
    /** What was deleted, for a message: {@code 2 deleted: project p1 ('preview-1'), client c7 ('ci-temp')}, or {@code nothing deleted}. */
    public String deletedSummary() {
        List<String> deleted = candidates.stream().filter(c -> CleanupCandidate.DELETED.equals(c.outcome()))
                .map(c -> c.resource() + " " + c.id() + " ('" + InputEcho.quoted(c.name()) + "')").toList();
        return deleted.isEmpty() ? "nothing deleted" : deleted.size() + " deleted: " + String.join(", ", deleted);
    }

    public String describe() {
        StringBuilder text = new StringBuilder("Cleanup ").append(runId).append(" (").append(mode).append(")");
        if (error != null) {
            return text.append(" did nothing: ").append(error).toString();
        }
        text.append(": ").append(candidates.size()).append(" candidates");
        if (!totals.isEmpty()) {
            text.append(" (");
            text.append(String.join(", ", totals.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
            text.append(")");
        }
        if (guard != null) {
            text.append("; ").append(guard);
        }
        if (stoppedBecause != null) {
            text.append("; stopped: ").append(stoppedBecause);
        }
        return text.append("; report ").append(file).toString();
    }
}
