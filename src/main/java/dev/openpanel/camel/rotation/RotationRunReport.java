package dev.openpanel.camel.rotation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a run of the rotation rules found and did ({@code reports/rotation-<UTC timestamp>.json}), never a secret.
 *
 * @param mode  {@code dry-run} or {@code apply}
 * @param guard why nothing was rotated although clients matched (more than {@code max-rotations}), or null
 * @param error why the run could not look at the clients (an invalid rules file, the API gone), or null
 * @param rulesInvalid whether the error is the rules file's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationRunReport(String trigger, String mode, Instant startedAt, Instant finishedAt, String rules,
        List<RotationCandidate> candidates, Map<String, Integer> totals, String guard, String error, boolean rulesInvalid, String report) {

    /** One line for logs and the terminal. */
    public String describe() {
        if (error != null) {
            return "Rotation run (" + mode + ") could not run: " + error;
        }
        Map<String, Integer> shown = totals.isEmpty() ? Map.of() : new LinkedHashMap<>(totals);
        String counts = shown.isEmpty() ? "no client matched" : String.join(", ", shown.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList());
        return "Rotation run (" + mode + "): " + candidates.size() + " clients matched: " + counts
                + (guard == null ? "" : " (" + guard + ")") + "; report " + report;
    }

    /** Whether a client that should have been rotated was not. */
    public boolean hasProblems() {
        return error != null || guard != null || totals.containsKey(RotationCandidate.FAILED);
    }
}
