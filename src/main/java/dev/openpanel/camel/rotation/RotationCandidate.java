package dev.openpanel.camel.rotation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A client a rotation rule matched, and what the run did with it: {@code would-rotate} (dry run), {@code rotated},
 * {@code failed}, {@code skipped} (the run matched more than {@code max-rotations}), {@code protected} (the tool's
 * own client: {@code rotate root}) or {@code being-rotated} (a rotation of it is under way).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationCandidate(String clientId, String name, String projectId, String type, Instant createdAt, String rule,
        String outcome, String newClientId, String reason) {

    public static final String WOULD_ROTATE = "would-rotate";
    public static final String ROTATED = "rotated";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String PROTECTED = "protected";
    public static final String BEING_ROTATED = "being-rotated";

    RotationCandidate with(String newOutcome, String newClient, String why) {
        return new RotationCandidate(clientId, name, projectId, type, createdAt, rule, newOutcome, newClient, why);
    }
}
