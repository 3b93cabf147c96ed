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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.files.PrivateFiles;
import dev.openpanel.camel.http.BearerToken;
import dev.openpanel.camel.http.HttpReplies;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The run steps of {@code routes/cleanup.camel.yaml} (bean {@value #BEAN}): one run at a time. {@link #acceptOnDemand}
 * answers {@code POST /jobs/cleanup} (202 with the run id, 409 while a run is in progress, 401 without the token) and
 * reserves the run the route then wire-taps to {@code direct:cleanup-run}; {@link #start} begins a run there (the
 * schedule skips while another is in progress; a direct call fails with {@link CleanupInProgressException}) and
 * loads the rules; {@link #finish} writes the report. A run past {@code max-duration} no longer holds the next one back.
 */
public final class CleanupRuns {

    /** Registry name of the bean. */
    public static final String BEAN = "cleanupRuns";
    /** Header that asks a run to delete ({@code true}) or to report only ({@code false}); default: the configuration. */
    public static final String APPLY = "OpenpanelCleanupApply";
    /** Header naming what started a run: schedule, http or command. */
    public static final String TRIGGER = "OpenpanelCleanupTrigger";
    /** Exchange property set by {@link #acceptOnDemand}: the run is reserved and answered 202. */
    public static final String ACCEPTED = "OpenpanelCleanupAccepted";
    /** Exchange property holding the {@link CleanupRun}. */
    static final String RUN = "OpenpanelCleanupRun";

    private static final Logger LOG = LoggerFactory.getLogger(CleanupRuns.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CleanupSettings settings;
    private final CleanupRulesFile rulesFile;
    private final DataDirectory data;
    private final OpenPanelMetrics metrics;
    private final BearerToken token;
    private final Clock clock;
    private final AtomicReference<CleanupRun> running = new AtomicReference<>();

    public CleanupRuns(CleanupSettings settings, CleanupRulesFile rulesFile, DataDirectory data, OpenPanelMetrics metrics,
            BearerToken token, Clock clock) {
        this.settings = settings;
        this.rulesFile = rulesFile;
        this.data = data;
        this.metrics = metrics;
        this.token = token;
        this.clock = clock;
    }

    /**
     * {@code POST /jobs/cleanup}: 202 with the run id (the run is reserved), 409 while one is in progress, 422 while the
     * rules file cannot be used (with the rule and field), 401.
     */
    public void acceptOnDemand(Exchange exchange) {
        exchange.setProperty(ACCEPTED, false);
        if (!HttpReplies.authorized(exchange, token)) {
            return;
        }
        CleanupRulesFile.Verdict rules = rulesFile.check();
        if (!rules.isValid()) {
            HttpReplies.json(exchange, 422, Map.of("error", "Unprocessable Entity", "message",
                    "the cleanup rules file " + rulesFile.file() + " cannot be used: " + rules.problem()));
            return;
        }
        CleanupRun run = reserve();
        if (run == null) {
            String current = inProgress();
            HttpReplies.json(exchange, 409, Map.of("error", "Conflict", "message",
                    "cleanup run " + current + " is in progress; only one runs at a time", "runId", current));
            return;
        }
        boolean apply = !settings.dryRun();
        run.begin(apply, "http");
        exchange.setProperty(RUN, run);
        exchange.setProperty(ACCEPTED, true);
        HttpReplies.json(exchange, 202, Map.of("runId", run.id(), "mode", run.mode(), "report", reportFile(run).toString()));
    }

    /**
     * Begins the exchange's run (reserved by {@link #acceptOnDemand}, or now) and loads its rules; the body becomes
     * the resource lists the rules need. A scheduled trigger while a run is in progress begins nothing.
     *
     * @throws CleanupInProgressException when a run is in progress and the trigger is not the schedule
     */
    public List<String> start(Exchange exchange) {
        CleanupRun run = exchange.getProperty(RUN, CleanupRun.class);
        if (run == null) {
            String trigger = exchange.getIn().getHeader(TRIGGER, "command", String.class);
            run = reserve();
            if (run == null) {
                if ("schedule".equals(trigger)) {
                    LOG.info("Scheduled cleanup skipped: run {} is still in progress", inProgress());
                    return List.of();
                }
                throw new CleanupInProgressException(inProgress());
            }
            Boolean apply = exchange.getIn().getHeader(APPLY, Boolean.class);
            run.begin(apply != null ? apply : !settings.dryRun(), trigger);
            exchange.setProperty(RUN, run);
        }
        CleanupRun started = run;
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.compareAndSet(started, null);
            }
        });
        LOG.info("Cleanup run {} ({}) started by {}", run.id(), run.mode(), run.trigger());
        CleanupRulesFile.Verdict rules = rulesFile.check();
        if (!rules.isValid()) {
            run.fail(rules.problem(), true);
            return List.of();
        }
        run.rules(rules.rules());
        return RuleMatcher.kindsNamedBy(run.rules());
    }

    /** Writes the run's report and returns it (null when the trigger began no run). */
    public CleanupReport finish(Exchange exchange) {
        CleanupRun run = exchange.getProperty(RUN, CleanupRun.class);
        if (run == null) {
            return null;
        }
        Instant finished = clock.instant();
        List<CleanupCandidate> candidates = run.candidates();
        Map<String, Integer> totals = new LinkedHashMap<>();
        candidates.forEach(c -> totals.merge(c.outcome(), 1, Integer::sum));
        Path file = reportFile(run);
        CleanupReport report = new CleanupReport(run.id(), run.mode(), run.trigger(), run.started(), finished,
                Duration.between(run.started(), finished).toMillis(), settings.rules(), describe(run.rules()),
                candidates, totals, run.guard(), run.stopped(), run.error(), run.rulesInvalid(), file);
        try {
            PrivateFiles.write(file, ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cleanup report " + file, e);
        }
        candidates.forEach(c -> metrics.cleanupOutcome(c.resource(), c.outcome()));
        metrics.cleanupRun(run.rulesInvalid() ? "rules-invalid" : run.error() != null ? "failed"
                : run.stopped() != null ? "stopped" : run.guard() != null ? "guarded" : "completed");
        if (report.hasProblems()) {
            LOG.error(report.describe());
        } else {
            LOG.info(report.describe());
        }
        exchange.getIn().setBody(report);
        return report;
    }

    /**
     * A new run, unless one is in progress (null then). A run past its deadline starts nothing more, so it no longer
     * holds the next one back, even if it has not returned (e.g. waiting for an answer).
     */
    private CleanupRun reserve() {
        String candidate = STAMP.format(clock.instant());
        int n = 1;
        String id = candidate;
        while (Files.exists(data.reports().resolve("cleanup-" + id + ".json"))) {
            id = candidate + "-" + (++n);
        }
        CleanupRun next = new CleanupRun(id, new RunDeadline(clock, settings.maxDuration()), clock.instant());
        CleanupRun current = running.get();
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
        CleanupRun current = running.get();
        return current == null ? "(just finished)" : current.id();
    }

    private Path reportFile(CleanupRun run) {
        return data.reports().resolve("cleanup-" + run.id() + ".json");
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
}
