package dev.openpanel.camel.rotation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.cleanup.CleanupRule;
import dev.openpanel.camel.cleanup.CleanupRules;
import dev.openpanel.camel.cleanup.InvalidRulesException;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.state.JournalStore;

/**
 * The runs of the rotation rules (bean {@value #BEAN}, {@code routes/rotation.camel.yaml}): {@code config/rotation.yaml}
 * in the cleanup rules' format, every rule about clients. A run lists the clients once, matches them against the
 * rules, and in a dry run (the default, {@code openpanel.rotation.dry-run}) reports what it would rotate; otherwise
 * each match goes through {@code direct:rotate-client}, unless the run matched more than
 * {@code openpanel.rotation.max-rotations}, when it rotates none and says why. The tool's own client is never rotated
 * by a rule ({@code rotate root} does that); a client whose rotation is under way is left to it.
 */
public final class RotationRuns {

    /** Registry name of the runs. */
    public static final String BEAN = "rotationRuns";
    /** Header: {@code true} to rotate, {@code false} to report only; default {@code openpanel.rotation.dry-run}. */
    public static final String APPLY = "OpenpanelRotationApply";
    /** Exchange property: the {@link RotationRun}. */
    public static final String RUN = "OpenpanelRotationRun";

    private static final Logger LOG = LoggerFactory.getLogger(RotationRuns.class);

    private final RotationSettings settings;
    private final Supplier<ManageApi> api;
    private final JournalStore store;
    private final Supplier<Path> journals;
    private final RotationReports reports;
    private final Clock clock;

    public RotationRuns(RotationSettings settings, Supplier<ManageApi> api, JournalStore store, Supplier<Path> journals,
            RotationReports reports, Clock clock) {
        this.settings = settings;
        this.api = api;
        this.store = store;
        this.journals = journals;
        this.reports = reports;
        this.clock = clock;
    }

    /** Begins a run: loads the rules (a broken file makes the run report why and do nothing). */
    public void start(Exchange exchange) {
        Boolean apply = exchange.getIn().getHeader(APPLY, Boolean.class);
        String trigger = exchange.getIn().getHeader(Rotations.TRIGGER, "command", String.class);
        List<CleanupRule> rules = List.of();
        String error = null;
        try {
            rules = rules();
        } catch (InvalidRulesException e) {
            error = e.getMessage();
        }
        exchange.setProperty(RUN, new RotationRun(trigger, apply != null ? apply : !settings.dryRun(), clock.instant(), rules, error));
    }

    /** The rules of the file, checked (every rule is about clients). */
    public List<CleanupRule> rules() {
        List<CleanupRule> rules = CleanupRules.load(settings.rules(), "openpanel.rotation.rules", "rotate");
        for (CleanupRule rule : rules) {
            if (rule.resource() != OpenPanelResource.CLIENTS) {
                throw new InvalidRulesException("rule '" + rule.name() + "' of " + settings.rules() + ", field 'resource': rotation rules "
                        + "rotate clients, so the resource is clients, got " + rule.resource().value());
            }
        }
        return rules;
    }

    /** Whether the run has rules to match (the route lists the clients only then). */
    public boolean hasRules(Exchange exchange) {
        RotationRun run = run(exchange);
        return run.error == null && !run.rules.isEmpty();
    }

    /** Matches the listed clients (the body) against the rules and returns the ids to rotate now (none in a dry run). */
    public List<String> match(Exchange exchange) {
        RotationRun run = run(exchange);
        @SuppressWarnings("unchecked")
        List<Client> clients = exchange.getIn().getBody(List.class);
        Instant now = clock.instant();
        String ownId = api.get().client().target().clientId();
        for (Client client : clients) {
            for (CleanupRule rule : run.rules) {
                if (rule.matches(client, now)) {
                    run.add(candidate(client, rule, ownId, run.apply));
                    break;
                }
            }
        }
        List<String> due = run.candidates().stream().filter(c -> c.outcome().equals(RotationCandidate.WOULD_ROTATE))
                .map(RotationCandidate::clientId).toList();
        if (run.apply && due.size() > settings.maxRotations()) {
            String why = due.size() + " clients matched, more than openpanel.rotation.max-rotations (" + settings.maxRotations()
                    + "): none was rotated; narrow the rules or raise the limit";
            run.guard(why);
            due.forEach(id -> run.update(id, RotationCandidate.SKIPPED, null, why));
            return List.of();
        }
        return run.apply ? due : List.of();
    }

    private RotationCandidate candidate(Client client, CleanupRule rule, String ownId, boolean apply) {
        String outcome = RotationCandidate.WOULD_ROTATE;
        String reason = null;
        if (client.id().equals(ownId)) {
            outcome = RotationCandidate.PROTECTED;
            reason = "the client this tool authenticates with is rotated by 'rotate root' only";
        } else if (underWay(journals.get().resolve(client.id() + ".jsonl"))) {
            outcome = RotationCandidate.BEING_ROTATED;
            reason = "a rotation of this client is under way";
        }
        return new RotationCandidate(client.id(), client.name(), client.projectId(), client.type() == null ? null : client.type().value(),
                client.createdAt(), rule.name(), outcome, null, reason);
    }

    /** Whether a rotation of the client started and has not failed for good (one that failed is tried again). */
    private boolean underWay(Path journal) {
        RotationJournal peeked = RotationJournal.peek(store, journal);
        return peeked.old() != null && peeked.failed() == null;
    }

    /** A client of the run is rotated (the body is the rotation's result). */
    public void rotated(Exchange exchange) {
        RotationResult result = exchange.getIn().getBody(RotationResult.class);
        run(exchange).update(result.oldClientId(), RotationCandidate.ROTATED, result.newClientId(), null);
    }

    /** A client of the run could not be rotated; the rest go on. */
    public void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String clientId = exchange.getIn().getHeader(Rotations.CLIENT_ID, String.class);
        String reason = failure == null ? "unknown" : reason(failure);
        LOG.warn("Rotation run: client {} was not rotated: {}", clientId, reason);
        run(exchange).update(clientId, RotationCandidate.FAILED, null, reason);
    }

    /** Writes the run's report and returns it. */
    public RotationRunReport finish(Exchange exchange) {
        RotationRun run = run(exchange);
        List<RotationCandidate> candidates = run.candidates();
        Map<String, Integer> totals = new LinkedHashMap<>();
        candidates.forEach(c -> totals.merge(c.outcome(), 1, Integer::sum));
        String error = run.error;
        Exception listing = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (error == null && listing != null && candidates.isEmpty()) {
            error = "the clients could not be listed: " + reason(listing);
        }
        Path file = reports.reserve();
        RotationRunReport report = new RotationRunReport(run.trigger, run.apply ? "apply" : "dry-run", run.started, clock.instant(),
                settings.rules(), candidates, totals, run.guard(), error, run.error != null, file.toString());
        reports.write(file, report);
        if (report.hasProblems()) {
            LOG.error(report.describe());
        } else {
            LOG.info(report.describe());
        }
        exchange.getIn().setBody(report);
        return report;
    }

    private static String reason(Throwable failure) {
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        return api != null ? api.getMessage() : failure.getMessage();
    }

    private static RotationRun run(Exchange exchange) {
        return exchange.getProperty(RUN, RotationRun.class);
    }
}
