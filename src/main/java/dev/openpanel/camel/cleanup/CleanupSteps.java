package dev.openpanel.camel.cleanup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.ensure.WriteResult;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.logging.InputEcho;

/**
 * The planning and deleting steps of {@code direct:cleanup-run} (bean {@value #BEAN}), around its {@code openpanel:}
 * list and delete steps: {@link #match} turns a listing into candidates, {@link #decide} applies the guard rails (dry
 * run; more than {@code max-deletes} deletes nothing; protected clients never), {@link #beforeDelete} and
 * {@link #deleted} surround each delete, and {@link #failed} records a failure in the run (a listing that failed, a
 * delete the API refused for good, the API gone: the rest is not attempted, the next run picks it up).
 */
public final class CleanupSteps {

    /** Registry name of the bean. */
    public static final String BEAN = "cleanupSteps";
    /** Header: the resource list being matched, or the resource of the candidate being deleted (plural). */
    public static final String RESOURCE = "OpenpanelCleanupResource";
    /** Header: whether the candidate in the body is to be deleted now. */
    public static final String NEEDS_CALL = "OpenpanelCleanupNeedsCall";
    private static final String CANDIDATE = "OpenpanelCleanupCandidate";
    private static final Logger LOG = LoggerFactory.getLogger(CleanupSteps.class);

    private final CleanupSettings settings;
    private final Supplier<ManageApi> api;
    private final Clock clock;

    public CleanupSteps(CleanupSettings settings, Supplier<ManageApi> api, Clock clock) {
        this.settings = settings;
        this.api = api;
        this.clock = clock;
    }

    /** Whether the exchange's run is still planning (valid rules, not stopped). */
    public boolean planning(Exchange exchange) {
        CleanupRun run = run(exchange);
        return run != null && run.planning();
    }

    /** Matches the listing in the body (of the resource in {@value #RESOURCE}) against the rules. */
    public void match(Exchange exchange) {
        OpenPanelResource resource = OpenPanelResource.parse(exchange.getIn().getHeader(RESOURCE, String.class));
        new RuleMatcher(api.get().client().target().clientId(), clock).match(run(exchange), resource,
                exchange.getIn().getBody(List.class));
    }

    /**
     * The guard rails; the body becomes the candidates to delete now (none in a dry run or over max-deletes), in groups
     * of one resource kind in delete order (references, clients, projects): the deletes of a group may run at once.
     */
    public List<List<CleanupCandidate>> decide(Exchange exchange) {
        CleanupRun run = run(exchange);
        List<CleanupCandidate> candidates = run.candidates();
        long deletable = candidates.stream().filter(c -> !c.isProtected()).count();
        List<CleanupCandidate> toDelete = new ArrayList<>();
        if (!run.planning()) {
            exchange.getIn().setBody(List.of());
            return List.of();
        }
        if (!run.apply()) {
            candidates.stream().filter(c -> !c.isProtected()).forEach(c -> run.decided(c.with(CleanupCandidate.WOULD_DELETE, null)));
            if (deletable > settings.maxDeletes()) {
                run.guard("a real run would delete nothing: " + deletable + " deletions are more than openpanel.cleanup.max-deletes ("
                        + settings.maxDeletes() + ")");
            }
        } else if (deletable > settings.maxDeletes()) {
            run.guard("nothing was deleted: " + deletable + " deletions are more than openpanel.cleanup.max-deletes ("
                    + settings.maxDeletes() + ")");
            candidates.stream().filter(c -> !c.isProtected())
                    .forEach(c -> run.decided(c.with(CleanupCandidate.NOT_ATTEMPTED, "max-deletes guard")));
        } else {
            candidates.stream().filter(c -> !c.isProtected()).forEach(toDelete::add);
        }
        List<List<CleanupCandidate>> groups = new ArrayList<>(toDelete.stream()
                .collect(Collectors.groupingBy(CleanupCandidate::resource, LinkedHashMap::new, Collectors.toList())).values());
        exchange.getIn().setBody(groups);
        return groups;
    }

    /** Sets the delete of the candidate in the body up, unless the run has stopped or is past its deadline. */
    public void beforeDelete(Exchange exchange) {
        CleanupRun run = run(exchange);
        CleanupCandidate candidate = exchange.getIn().getBody(CleanupCandidate.class);
        exchange.setProperty(CANDIDATE, candidate);
        Message message = exchange.getIn();
        if (run.stopped() == null && run.deadline().passed()) {
            run.stop(run.deadline().reason() + "; the next run picks up the rest");
        }
        if (run.stopped() != null) {
            run.decided(candidate.with(CleanupCandidate.NOT_ATTEMPTED, "the run stopped before it"));
            message.setHeader(NEEDS_CALL, false);
            return;
        }
        message.setHeader(NEEDS_CALL, true);
        message.setHeader(RESOURCE, candidate.resource() + "s");
        message.setHeader(OpenPanelConstants.ID, candidate.id());
    }

    /** Records a delete's outcome: deleted, or already gone (someone was first). */
    public void deleted(Exchange exchange) {
        CleanupCandidate candidate = exchange.getProperty(CANDIDATE, CleanupCandidate.class);
        if (WriteResult.ALREADY_GONE.equals(exchange.getIn().getHeader(OpenPanelConstants.OUTCOME, String.class))) {
            run(exchange).decided(candidate.with(CleanupCandidate.ALREADY_GONE, "deleted by someone else first"));
            return;
        }
        LOG.info("Cleanup deleted {} {} ('{}'), rule '{}'", candidate.resource(), candidate.id(), InputEcho.quoted(candidate.name()),
                candidate.rule());
        run(exchange).decided(candidate.with(CleanupCandidate.DELETED, null));
    }

    /** Whether a failure belongs to a run (and is recorded in it by {@link #failed}). */
    public boolean isRunFailure(Exchange exchange) {
        return run(exchange) != null;
    }

    /** Records the caught failure in the run, by what the run was doing. */
    public void failed(Exchange exchange) {
        CleanupRun run = run(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CleanupCandidate candidate = exchange.getProperty(CANDIDATE, CleanupCandidate.class);
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        RunDeadline.RunTooLongException late = OpenPanelErrors.find(failure, RunDeadline.RunTooLongException.class);
        if (candidate == null) {
            if (late != null) {
                run.stop(late.getMessage() + " before its plan was complete; nothing was deleted");
            } else {
                run.fail("cannot list the resources: " + (api != null ? api.getMessage() : String.valueOf(failure)), false);
            }
            return;
        }
        if (api != null && !api.isPermanent()) {
            run.stop("the API is unavailable (" + api.getMessage() + "); the next run picks up the rest");
            run.decided(candidate.with(CleanupCandidate.NOT_ATTEMPTED, "the run stopped here"));
        } else {
            run.decided(candidate.with(CleanupCandidate.FAILED, api != null ? api.getMessage() : String.valueOf(failure)));
        }
    }

    private static CleanupRun run(Exchange exchange) {
        return exchange.getProperty(CleanupRuns.RUN, CleanupRun.class);
    }
}
