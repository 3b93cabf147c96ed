package dev.openpanel.camel.cleanup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;

/**
 * Matches one resource kind's listing against the rules: rule by rule, in file order, so a resource matched by several
 * rules is the candidate of the first. Projects pending deletion are not listed by the API, so they are not candidates
 * again. Root clients, and the client this tool authenticates with, are protected whatever rule matches them. Matching
 * checks the run's deadline as it goes.
 */
final class RuleMatcher {

    private final String ownClientId;
    private final Clock clock;

    RuleMatcher(String ownClientId, Clock clock) {
        this.ownClientId = ownClientId;
        this.clock = clock;
    }

    /**
     * @throws RunDeadline.RunTooLongException when the run's deadline passes while matching
     */
    void match(CleanupRun run, OpenPanelResource resource, List<?> listing) {
        Instant now = clock.instant();
        run.deadline().check();
        for (CleanupRule rule : run.rules()) {
            if (rule.resource() != resource) {
                continue;
            }
            for (Object item : listing) {
                run.deadline().check();
                CleanupCandidate candidate = candidate(rule, item, now);
                if (candidate != null) {
                    run.candidate(candidate);
                }
            }
        }
    }

    /** The resource lists the rules need, in listing order. */
    static List<String> kindsNamedBy(List<CleanupRule> rules) {
        return List.of(OpenPanelResource.PROJECTS, OpenPanelResource.CLIENTS, OpenPanelResource.REFERENCES).stream()
                .filter(kind -> rules.stream().anyMatch(rule -> rule.resource() == kind)).map(OpenPanelResource::value).toList();
    }

    private CleanupCandidate candidate(CleanupRule rule, Object item, Instant now) {
        if (item instanceof Project p) {
            return rule.matches(p.name(), p.id(), p.createdAt(), now)
                    ? new CleanupCandidate("project", p.id(), p.name(), null, null, p.createdAt(), null, rule.name(), null, null)
                    : null;
        }
        if (item instanceof Client c) {
            return rule.matches(c, now) ? client(c, rule) : null;
        }
        Reference r = (Reference) item;
        return rule.matches(r.title(), r.projectId(), r.date(), now)
                ? new CleanupCandidate("reference", r.id(), r.title(), r.projectId(), null, r.createdAt(), r.date(), rule.name(),
                        null, null)
                : null;
    }

    private CleanupCandidate client(Client client, CleanupRule rule) {
        String why = client.id().equals(ownClientId) ? "the client this tool authenticates with is never deleted"
                : client.type() == ClientType.ROOT ? "root clients are never deleted" : null;
        return new CleanupCandidate("client", client.id(), client.name(), client.projectId(),
                client.type() == null ? null : client.type().value(), client.createdAt(), null, rule.name(),
                why == null ? null : CleanupCandidate.PROTECTED, why);
    }
}
