package dev.openpanel.camel.cleanup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A resource a rule matched, with what happened to it.
 *
 * @param resource  project, client or reference
 * @param id        its id
 * @param name      its name (a reference's title)
 * @param projectId its project (clients, references)
 * @param type      a client's type
 * @param createdAt when it was created
 * @param date      a reference's own date (the age its rules use)
 * @param rule      the first rule that matched it
 * @param outcome   would-delete, deleted, protected, already-gone, failed or not-attempted
 * @param reason    why (protected, failed, not attempted), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CleanupCandidate(String resource, String id, String name, String projectId, String type, Instant createdAt,
        Instant date, String rule, String outcome, String reason) {

    public static final String WOULD_DELETE = "would-delete";
    public static final String DELETED = "deleted";
    public static final String PROTECTED = "protected";
    public static final String ALREADY_GONE = "already-gone";
    public static final String FAILED = "failed";
    public static final String NOT_ATTEMPTED = "not-attempted";

    CleanupCandidate with(String newOutcome, String newReason) {
        return new CleanupCandidate(resource, id, name, projectId, type, createdAt, date, rule, newOutcome, newReason);
    }

    boolean isProtected() {
        return PROTECTED.equals(outcome);
    }
}
