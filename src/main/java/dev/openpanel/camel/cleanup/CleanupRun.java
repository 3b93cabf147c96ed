package dev.openpanel.camel.cleanup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cleanup run while it goes: its id and deadline, what started it, the rules, every candidate with its outcome (in
 * delete order: references, clients, projects), and why it stopped or failed, if it did. Lives in an exchange property
 * of {@code direct:cleanup-run}. Thread-safe.
 */
final class CleanupRun {

    private static final List<String> DELETE_ORDER = List.of("reference", "client", "project");

    private final String id;
    private final RunDeadline deadline;
    private final Instant started;
    private boolean apply;
    private String trigger;
    private List<CleanupRule> rules = List.of();
    private final Map<String, CleanupCandidate> candidates = new LinkedHashMap<>();
    private String guard;
    private String stopped;
    private String error;
    private boolean rulesInvalid;

    CleanupRun(String id, RunDeadline deadline, Instant started) {
        this.id = id;
        this.deadline = deadline;
        this.started = started;
    }

    String id() {
        return id;
    }

    RunDeadline deadline() {
        return deadline;
    }

    Instant started() {
        return started;
    }

    synchronized void begin(boolean applyIt, String startedBy) {
        this.apply = applyIt;
        this.trigger = startedBy;
    }

    synchronized boolean apply() {
        return apply;
    }

    synchronized String trigger() {
        return trigger;
    }

    synchronized String mode() {
        return apply ? "apply" : "dry-run";
    }

    synchronized void rules(List<CleanupRule> loaded) {
        this.rules = List.copyOf(loaded);
    }

    synchronized List<CleanupRule> rules() {
        return rules;
    }

    /** Whether the run is still planning: its rules are valid and nothing stopped it. */
    synchronized boolean planning() {
        return error == null && stopped == null;
    }

    /** Adds what a rule matched; a resource matched by several rules stays the candidate of the first. */
    synchronized void candidate(CleanupCandidate candidate) {
        candidates.putIfAbsent(key(candidate), candidate);
    }

    /** Records a candidate's outcome, in its place. */
    synchronized void decided(CleanupCandidate candidate) {
        candidates.put(key(candidate), candidate);
    }

    /** Every candidate, in delete order (stable within a resource kind). */
    synchronized List<CleanupCandidate> candidates() {
        List<CleanupCandidate> ordered = new ArrayList<>(candidates.values());
        ordered.sort(Comparator.comparingInt(c -> DELETE_ORDER.indexOf(c.resource())));
        return ordered;
    }

    synchronized void guard(String reason) {
        this.guard = reason;
    }

    synchronized String guard() {
        return guard;
    }

    /** Stops the run (once): the rest is not attempted. */
    synchronized void stop(String reason) {
        if (stopped == null) {
            stopped = reason;
        }
    }

    synchronized String stopped() {
        return stopped;
    }

    /** The run can do nothing (bad rules, the listing failed). */
    synchronized void fail(String reason, boolean becauseOfRules) {
        this.error = reason;
        this.rulesInvalid = becauseOfRules;
    }

    synchronized String error() {
        return error;
    }

    synchronized boolean rulesInvalid() {
        return rulesInvalid;
    }

    private static String key(CleanupCandidate candidate) {
        return candidate.resource() + " " + candidate.id();
    }
}
