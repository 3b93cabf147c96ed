package dev.openpanel.camel.cleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.http.HttpReplies;
import dev.openpanel.camel.logging.InputEcho;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The cleanup job (bean {@value #BEAN}) behind {@code routes/cleanup.camel.yaml}: one run at a time, planning first,
 * then the guard rails (dry run by default; more than {@code max-deletes} deletes nothing; protected clients are never
 * deleted), then the deletes through the {@code openpanel:} component, and a report of every decision. A run that
 * goes past {@code max-duration} starts nothing more and reports why; from then on the next trigger may start a run
 * even if that one has not returned yet.
 */
public final class CleanupJob {

    /** Registry name of the job. */
    public static final String BEAN = "cleanupJob";
    /** Header that asks a run to delete ({@code true}) or to report only ({@code false}); default: the configuration. */
    public static final String APPLY = "OpenpanelCleanupApply";
    /** Header naming what started a run: schedule, http or command. */
    public static final String TRIGGER = "OpenpanelCleanupTrigger";

    private static final Logger LOG = LoggerFactory.getLogger(CleanupJob.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> DELETE_ORDER = List.of("reference", "client", "project");

    private final CamelContext context;
    private final CleanupSettings settings;
    private final Clock clock;
    private final AtomicReference<ActiveRun> running = new AtomicReference<>();
    private ExecutorService background;
    private ProducerTemplate template;

    public CleanupJob(CamelContext context, CleanupSettings settings, Clock clock) {
        this.context = context;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs now, in this thread, and returns the report; the schedule's runs are skipped while another is in progress.
     *
     * @throws CleanupInProgressException when another run is in progress (one-shot command, direct calls)
     */
    public CleanupReport run(Exchange exchange) {
        String trigger = exchange.getIn().getHeader(TRIGGER, "command", String.class);
        ActiveRun run = reserve();
        if (run == null) {
            if ("schedule".equals(trigger)) {
                LOG.info("Scheduled cleanup skipped: run {} is still in progress", inProgress());
                return null;
            }
            throw new CleanupInProgressException(inProgress());
        }
        try {
            return execute(run, apply(exchange), trigger);
        } finally {
            running.compareAndSet(run, null);
        }
    }

    /** {@code POST /jobs/cleanup}: 202 with the run id, 409 while a run is in progress, 401 without the token. */
    public void startOnDemand(Exchange exchange) {
        BearerToken token = context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.INTAKE_TOKEN, BearerToken.class);
        if (!HttpReplies.authorized(exchange, token)) {
            return;
        }
        ActiveRun run = reserve();
        if (run == null) {
            String current = inProgress();
            HttpReplies.json(exchange, 409, Map.of("error", "Conflict", "message",
                    "cleanup run " + current + " is in progress; only one runs at a time", "runId", current));
            return;
        }
        boolean apply = !settings.dryRun();
        background().submit(() -> {
            try {
                execute(run, apply, "http");
            } catch (RuntimeException e) {
                LOG.error("Cleanup run {} failed: {}", run.id(), e.toString());
            } finally {
                running.compareAndSet(run, null);
            }
        });
        HttpReplies.json(exchange, 202, Map.of("runId", run.id(), "mode", apply ? "apply" : "dry-run",
                "report", data().reports().resolve("cleanup-" + run.id() + ".json").toString()));
    }

    private CleanupReport execute(ActiveRun run, boolean apply, String trigger) {
        String runId = run.id();
        RunDeadline deadline = run.deadline();
        Instant started = clock.instant();
        String mode = apply ? "apply" : "dry-run";
        LOG.info("Cleanup run {} ({}) started by {}", runId, mode, trigger);
        List<CleanupRule> rules;
        try {
            rules = CleanupRules.load(settings.rules());
        } catch (InvalidRulesException e) {
            return finish(runId, mode, trigger, started, List.of(), List.of(), null, null, e.getMessage(), true);
        }
        List<CleanupCandidate> candidates;
        try {
            candidates = new CleanupPlanner(api(), api().client().target().clientId(), clock, deadline).plan(rules);
        } catch (OpenPanelApiException e) {
            return finish(runId, mode, trigger, started, rules, List.of(), null, null, "cannot list the resources: " + e.getMessage(),
                    false);
        } catch (RunDeadline.RunTooLongException e) {
            return finish(runId, mode, trigger, started, rules, List.of(), null,
                    e.getMessage() + " before its plan was complete; nothing was deleted", null, false);
        }
        candidates.sort(Comparator.comparingInt(c -> DELETE_ORDER.indexOf(c.resource())));
        List<CleanupCandidate> decided = new ArrayList<>();
        long deletable = candidates.stream().filter(c -> !c.isProtected()).count();
        String guard = null;
        String stopped = null;
        if (!apply) {
            candidates.forEach(c -> decided.add(c.isProtected() ? c : c.with(CleanupCandidate.WOULD_DELETE, null)));
            if (deletable > settings.maxDeletes()) {
                guard = "a real run would delete nothing: " + deletable + " deletions are more than openpanel.cleanup.max-deletes ("
                        + settings.maxDeletes() + ")";
            }
        } else if (deletable > settings.maxDeletes()) {
            guard = "nothing was deleted: " + deletable + " deletions are more than openpanel.cleanup.max-deletes ("
                    + settings.maxDeletes() + ")";
            candidates.forEach(c -> decided.add(c.isProtected() ? c : c.with(CleanupCandidate.NOT_ATTEMPTED, "max-deletes guard")));
        } else {
            for (CleanupCandidate candidate : candidates) {
                if (!candidate.isProtected() && stopped == null && deadline.passed()) {
                    stopped = deadline.reason() + "; the next run picks up the rest";
                }
                if (candidate.isProtected()) {
                    decided.add(candidate);
                } else if (stopped != null) {
                    decided.add(candidate.with(CleanupCandidate.NOT_ATTEMPTED, "the run stopped before it"));
                } else {
                    try {
                        decided.add(delete(candidate));
                    } catch (OpenPanelApiException e) {
                        stopped = "the API is unavailable (" + e.getMessage() + "); the next run picks up the rest";
                        decided.add(candidate.with(CleanupCandidate.NOT_ATTEMPTED, "the run stopped here"));
                    }
                }
            }
        }
        return finish(runId, mode, trigger, started, rules, decided, guard, stopped, null, false);
    }

    /** Deletes one candidate: deleted, already-gone (someone was first), or failed for good; throws when transient. */
    private CleanupCandidate delete(CleanupCandidate candidate) {
        Exchange answer = template().request("openpanel:" + candidate.resource() + "s", exchange -> {
            exchange.getIn().setHeader(OpenPanelConstants.OPERATION, "delete");
            exchange.getIn().setHeader(OpenPanelConstants.ID, candidate.id());
        });
        Exception failure = answer.getException();
        if (failure == null) {
            LOG.info("Cleanup deleted {} {} ('{}'), rule '{}'", candidate.resource(), candidate.id(), InputEcho.quoted(candidate.name()),
                    candidate.rule());
            return candidate.with(CleanupCandidate.DELETED, null);
        }
        if (OpenPanelErrors.find(failure, ResourceNotFoundException.class) != null) {
            return candidate.with(CleanupCandidate.ALREADY_GONE, "deleted by someone else first");
        }
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        if (api != null && !api.isPermanent()) {
            throw api;
        }
        return candidate.with(CleanupCandidate.FAILED, api != null ? api.getMessage() : failure.toString());
    }

    private CleanupReport finish(String runId, String mode, String trigger, Instant started, List<CleanupRule> rules,
            List<CleanupCandidate> candidates, String guard, String stopped, String error, boolean rulesInvalid) {
        Instant finished = clock.instant();
        Map<String, Integer> totals = new LinkedHashMap<>();
        candidates.forEach(c -> totals.merge(c.outcome(), 1, Integer::sum));
        Path file = data().reports().resolve("cleanup-" + runId + ".json");
        CleanupReport report = new CleanupReport(runId, mode, trigger, started, finished,
                Duration.between(started, finished).toMillis(), settings.rules().toString(), describe(rules), candidates, totals,
                guard, stopped, error, rulesInvalid, file);
        try {
            PrivateFiles.write(file, ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cleanup report " + file, e);
        }
        candidates.forEach(c -> metrics().cleanupOutcome(c.resource(), c.outcome()));
        if (report.hasProblems()) {
            LOG.error(report.describe());
        } else {
            LOG.info(report.describe());
        }
        return report;
    }

    private static List<Map<String, Object>> describe(List<CleanupRule> rules) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (CleanupRule rule : rules) {
            Map<String, Object> where = new LinkedHashMap<>();
            if (rule.namePattern() != null) {
                where.put("name", rule.namePattern().pattern());
            }
            if (rule.olderThan() != null) {
                where.put("olderThan", rule.olderThan().toString());
            }
            if (rule.projectId() != null) {
                where.put("projectId", rule.projectId());
            }
            if (rule.type() != null) {
                where.put("type", rule.type().value());
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", rule.name());
            view.put("resource", rule.resource().value());
            view.put("where", where);
            described.add(view);
        }
        return described;
    }

    /**
     * A new run, unless one is in progress (null then). A run past its deadline starts nothing more, so it no longer
     * holds the next one back, even if it has not returned (e.g. waiting for an answer).
     */
    private ActiveRun reserve() {
        String candidate = STAMP.format(clock.instant());
        int n = 1;
        String id = candidate;
        while (Files.exists(data().reports().resolve("cleanup-" + id + ".json"))) {
            id = candidate + "-" + (++n);
        }
        ActiveRun next = new ActiveRun(id, new RunDeadline(clock, settings.maxDuration()));
        ActiveRun current = running.get();
        if (current == null) {
            return running.compareAndSet(null, next) ? next : null;
        }
        if (current.deadline().passed() && running.compareAndSet(current, next)) {
            LOG.warn("Cleanup run {} went past openpanel.cleanup.max-duration and has not ended yet; it starts nothing more, "
                    + "and run {} starts", current.id(), id);
            return next;
        }
        return null;
    }

    private String inProgress() {
        ActiveRun current = running.get();
        return current == null ? "(just finished)" : current.id();
    }

    private boolean apply(Exchange exchange) {
        Boolean apply = exchange.getIn().getHeader(APPLY, Boolean.class);
        return apply != null ? apply : !settings.dryRun();
    }

    private ManageApi api() {
        return OpenPanelConfiguration.manageApi(context);
    }

    private DataDirectory data() {
        return context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
    }

    private OpenPanelMetrics metrics() {
        return context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class);
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    /** A run in progress: its id and the time it may take. */
    private record ActiveRun(String id, RunDeadline deadline) {
    }

    private synchronized ExecutorService background() {
        if (background == null) {
            // not a single thread: a run past its deadline that has not returned must not hold back the next one
            background = context.getExecutorServiceManager().newCachedThreadPool(this, "openpanel-cleanup");
        }
        return background;
    }
}
