package dev.openpanel.camel.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.openpanel.camel.cleanup.CleanupRule;

/** One run of the rotation rules, on the exchange as the property {@value RotationRuns#RUN}; thread-safe. */
final class RotationRun {

    final String trigger;
    final boolean apply;
    final Instant started;
    final List<CleanupRule> rules;
    final String error;
    private final Map<String, RotationCandidate> candidates = new LinkedHashMap<>();
    private String guard;

    RotationRun(String trigger, boolean apply, Instant started, List<CleanupRule> rules, String error) {
        this.trigger = trigger;
        this.apply = apply;
        this.started = started;
        this.rules = rules;
        this.error = error;
    }

    synchronized void add(RotationCandidate candidate) {
        candidates.putIfAbsent(candidate.clientId(), candidate);
    }

    synchronized void update(String clientId, String outcome, String newClientId, String reason) {
        candidates.computeIfPresent(clientId, (id, candidate) -> candidate.with(outcome, newClientId, reason));
    }

    synchronized List<RotationCandidate> candidates() {
        return new ArrayList<>(candidates.values());
    }

    synchronized void guard(String why) {
        guard = why;
    }

    synchronized String guard() {
        return guard;
    }
}
