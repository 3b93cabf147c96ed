package dev.openpanel.camel.cleanup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;

/**
 * Builds the whole candidate list before anything is deleted: each resource kind the rules name is listed once, every
 * rule is evaluated, and a resource matched by several rules is one candidate (of the first rule). Projects pending
 * deletion are not listed by the API, so they are not candidates again. Root clients, and the client this tool
 * authenticates with, are protected whatever rule matches them. Planning stops once the run's deadline has passed.
 */
final class CleanupPlanner {

    private final ManageApi api;
    private final String ownClientId;
    private final Clock clock;
    private final RunDeadline deadline;

    CleanupPlanner(ManageApi api, String ownClientId, Clock clock, RunDeadline deadline) {
        this.api = api;
        this.ownClientId = ownClientId;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** @throws RunDeadline.RunTooLongException when the run's deadline passes before the plan is complete */
    List<CleanupCandidate> plan(List<CleanupRule> rules) {
        Instant now = clock.instant();
        Map<String, CleanupCandidate> candidates = new LinkedHashMap<>();
        List<Project> projects = needs(rules, OpenPanelResource.PROJECTS) ? api.projects().list() : List.of();
        List<Client> clients = needs(rules, OpenPanelResource.CLIENTS) ? api.clients().list() : List.of();
        List<Reference> references = needs(rules, OpenPanelResource.REFERENCES) ? api.references().list() : List.of();
        deadline.check();
        for (CleanupRule rule : rules) {
            switch (rule.resource()) {
                case PROJECTS -> projects.stream().filter(p -> matches(rule, p.name(), p.id(), p.createdAt(), now))
                        .forEach(p -> candidates.putIfAbsent("project " + p.id(), new CleanupCandidate("project", p.id(),
                                p.name(), null, null, p.createdAt(), null, rule.name(), null, null)));
                case CLIENTS -> clients.stream()
                        .filter(c -> matches(rule, c.name(), c.projectId(), c.createdAt(), now))
                        .filter(c -> rule.type() == null || rule.type() == c.type())
                        .forEach(c -> candidates.putIfAbsent("client " + c.id(), client(c, rule)));
                default -> references.stream().filter(r -> matches(rule, r.title(), r.projectId(), r.date(), now))
                        .forEach(r -> candidates.putIfAbsent("reference " + r.id(), new CleanupCandidate("reference", r.id(),
                                r.title(), r.projectId(), null, r.createdAt(), r.date(), rule.name(), null, null)));
            }
        }
        return new ArrayList<>(candidates.values());
    }

    private CleanupCandidate client(Client client, CleanupRule rule) {
        String why = client.id().equals(ownClientId) ? "the client this tool authenticates with is never deleted"
                : client.type() == ClientType.ROOT ? "root clients are never deleted" : null;
        return new CleanupCandidate("client", client.id(), client.name(), client.projectId(),
                client.type() == null ? null : client.type().value(), client.createdAt(), null, rule.name(),
                why == null ? null : CleanupCandidate.PROTECTED, why);
    }

    private boolean matches(CleanupRule rule, String name, String projectId, Instant age, Instant now) {
        deadline.check();
        return (rule.namePattern() == null || name != null && rule.namePattern().matcher(name).find())
                && (rule.projectId() == null || rule.projectId().equals(projectId))
                && (rule.olderThan() == null || age != null && !age.isAfter(now.minus(rule.olderThan())));
    }

    private static boolean needs(List<CleanupRule> rules, OpenPanelResource resource) {
        return rules.stream().anyMatch(rule -> rule.resource() == resource);
    }
}
