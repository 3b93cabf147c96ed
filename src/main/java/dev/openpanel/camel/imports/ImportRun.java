package dev.openpanel.camel.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ProjectChanges;
import dev.openpanel.camel.component.api.Resolution;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.component.error.ResourceNotFoundException;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.imports.ImportJournal.Intent;
import dev.openpanel.camel.imports.ImportRow.ClientRow;
import dev.openpanel.camel.imports.ImportRow.ProjectRow;
import dev.openpanel.camel.imports.ImportRow.ReferenceRow;
import dev.openpanel.camel.logging.InputEcho;
import dev.openpanel.camel.metrics.OpenPanelMetrics;
import dev.openpanel.camel.state.Sha256;

/**
 * One file's import, from its first row to its outputs. Each row is validated, planned against the file's cache and,
 * when it needs one, sent as one call through the {@code openpanel:} component. The journal records the intent
 * before every write and the outcome after it; secrets go to the secrets file as soon as they arrive. Transient
 * trouble pauses the import on the row (nothing fails); only invalid input, a 400 or a 404 fails a row.
 */
final class ImportRun implements AutoCloseable {

    static final String SECRETS_HEADER = "row,projectId,clientId,clientSecret";
    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

    private final Path path;
    private final String fileName;
    private final String name;
    private final ImportKind kind;
    private final boolean dryRun;
    private final Dependencies deps;
    private final ImportOutputs outputs;
    private final Map<String, Integer> planned = new LinkedHashMap<>();
    private CsvFile csv;
    private CsvFile.Rows rows;
    private int total;
    private ImportJournal journal;
    private ResourceCache cache;
    private RowPlanner planner;
    private ImportPause pause;
    private ImportProgress progress;
    private ImportOutputs.Table plan;
    private String rejection;
    private boolean alreadyImported;

    /** What every run needs from the application. */
    record Dependencies(ManageApi api, ProducerTemplate template, DataDirectory data, OpenPanelMetrics metrics,
            ImportSettings settings, java.util.function.BooleanSupplier stopping) {
    }

    private ImportRun(Path path, ImportKind kind, boolean dryRun, Dependencies deps) {
        this.path = path;
        this.fileName = path.getFileName().toString();
        this.name = fileName.replaceFirst("(?i)\\.csv$", "");
        this.kind = kind;
        this.dryRun = dryRun;
        this.deps = deps;
        this.outputs = new ImportOutputs(deps.data());
    }

    /** Opens a file: checks its header and rows, and finds its journal (a file imported before is not imported again). */
    static ImportRun start(Path path, ImportKind kind, boolean dryRun, boolean giveUpWhenPaused, Dependencies deps) {
        ImportRun run = new ImportRun(path, kind, dryRun, deps);
        try {
            run.csv = CsvFile.open(path, kind);
            run.total = run.csv.countRows();
        } catch (ImportRejectedException e) {
            run.rejection = e.getMessage();
            LOG.warn("Import of {} ({}) rejected: {}", run.fileName, kind.value(), e.getMessage());
            if (!dryRun) {
                run.outputs.writeRejected(run.name, run.fileName, e.getMessage());
            }
            return run;
        }
        run.cache = new ResourceCache(deps.api());
        run.planner = new RowPlanner(run.cache, deps.settings().allowRootClients());
        run.pause = new ImportPause(deps.settings(), deps.stopping(), giveUpWhenPaused);
        if (dryRun) {
            run.plan = run.outputs.planTable(run.name);
        } else {
            run.journal = ImportJournal.open(deps.data().apiState(deps.api().client().target().apiUrl()).resolve("imports")
                    .resolve(kind.value() + "-" + run.digest(path) + ".jsonl"));
            run.alreadyImported = run.journal.isComplete();
        }
        int done = run.journal == null ? 0 : run.journal.doneCount();
        run.progress = new ImportProgress(run.fileName, run.total, done, deps.settings().progressInterval());
        if (run.alreadyImported) {
            LOG.info("Import of {} ({}): the same content was imported as {}; no API calls", run.fileName, kind.value(),
                    run.journal.completedAs());
        } else {
            LOG.info("Import of {} ({}): {} rows{}{}", run.fileName, kind.value(), run.total,
                    done > 0 ? ", resuming after " + done + " done" : "", dryRun ? ", dry run" : "");
        }
        return run;
    }

    /** The rows still to import: none when the file was rejected or imported before. */
    Iterator<CsvRow> rows() {
        if (rejection != null || alreadyImported) {
            return Collections.emptyIterator();
        }
        rows = csv.rows();
        return rows;
    }

    /** Imports one row to its final outcome (waiting while the API is unavailable). */
    void importRow(CsvRow row) {
        if (journal != null && journal.isDone(row.number())) {
            return;
        }
        RowResult result = outcome(row);
        if (dryRun) {
            plan.write(ImportOutputs.resultLine(result));
            planned.merge(result.status(), 1, Integer::sum);
            LOG.debug("{} row {}: {} {} {}", fileName, row.number(), result.resource(), describe(result), result.status());
        } else {
            journal.recordResult(result);
            deps.metrics().rowImported(kind.value(), result.status());
            LOG.info("{} row {}: {} {} {}{}", fileName, row.number(), result.resource(), describe(result), result.status(),
                    result.message() == null ? "" : " (" + result.message() + ")");
        }
        progress.rowDone();
    }

    /** Writes the outputs, moves the file out of the inbox when asked, and says how it went. */
    ImportSummary finish(boolean moveWhenDone) {
        if (rejection != null) {
            if (moveWhenDone && !dryRun) {
                moveTo(".failed");
            }
            return new ImportSummary(fileName, kind.value(), 0, Map.of(), dryRun, false, rejection, null,
                    dryRun ? null : outputs.errorsFile(name), null);
        }
        if (dryRun) {
            plan.close();
            plan = null;
            return new ImportSummary(fileName, kind.value(), total, planned, true, false, null, outputs.planFile(name), null, null);
        }
        if (!alreadyImported) {
            journal.recordComplete(fileName);
        }
        Map<String, Integer> statuses = new LinkedHashMap<>();
        journal.forEachResult(result -> statuses.merge(result.status(), 1, Integer::sum));
        int failed = outputs.writeFromJournal(journal, name, csv.columns());
        if (moveWhenDone) {
            moveTo(".done");
        }
        Path secrets = deps.data().secrets().directory().resolve(secretsFile());
        ImportSummary summary = new ImportSummary(fileName, kind.value(), total, statuses, false, alreadyImported, null,
                outputs.resultsFile(name), failed > 0 ? outputs.errorsFile(name) : null, Files.exists(secrets) ? secrets : null);
        LOG.info("Import done: {}", summary.describe());
        return summary;
    }

    @Override
    public void close() {
        if (rows != null) {
            rows.close();
        }
        if (plan != null) {
            plan.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private RowResult outcome(CsvRow csvRow) {
        ImportRow row;
        try {
            row = RowValidator.validate(kind, csvRow);
        } catch (RowRejectedException e) {
            return failed(csvRow, null, e.getMessage());
        }
        while (true) {
            try {
                RowResult result = attempt(row);
                pause.resumed(fileName, row.number());
                return result;
            } catch (RowRejectedException e) {
                return failed(csvRow, row, e.getMessage());
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                if (cause instanceof ImportInterruptedException interrupted) {
                    throw interrupted;
                }
                if (OpenPanelErrors.isPermanent(cause)) {
                    return failed(csvRow, row, cause instanceof OpenPanelApiException api && api.getApiMessage() != null
                            ? api.getApiMessage() : cause.getMessage());
                }
                pause.await(fileName, row.number(), total, cause);
            }
        }
    }

    private RowResult attempt(ImportRow row) {
        Optional<Intent> intent = journal == null ? Optional.empty() : journal.intent(row.number());
        if (intent.isPresent() && intent.get().operation() == OpenPanelOperation.CREATE) {
            RowResult resolved = resolveCreate(row, intent.get());
            if (resolved != null) {
                return resolved;
            }
        }
        boolean deleting = intent.isPresent() && intent.get().operation() == OpenPanelOperation.DELETE;
        RowPlan rowPlan;
        try {
            rowPlan = planner.plan(row);
        } catch (RowRejectedException e) {
            if (deleting) {
                return result(row, RowResult.DELETED, row.id(), row.name(), null);
            }
            throw e;
        }
        if (rowPlan instanceof RowPlan.Known known) {
            boolean wasUpdating = intent.isPresent() && intent.get().operation() == OpenPanelOperation.UPDATE;
            RowResult result = known.result();
            return wasUpdating ? result(row, RowResult.UPDATED, result.id(), result.name(), result.message()) : result;
        }
        RowPlan.Call call = (RowPlan.Call) rowPlan;
        if (dryRun) {
            return result(row, "would-" + verb(call.operation()), call.id(), row.name(), call.note());
        }
        journal.recordIntent(row.number(), call.operation());
        try {
            return execute(row, call);
        } catch (RuntimeException e) {
            if (unwrap(e) instanceof ResourceNotFoundException && call.operation() == OpenPanelOperation.DELETE && deleting) {
                return result(row, RowResult.DELETED, call.id(), row.name(), null);
            }
            throw e;
        }
    }

    private RowResult execute(ImportRow row, RowPlan.Call call) {
        Object body = send(call.operation(), call.id(), call.request());
        switch (call.operation()) {
            case CREATE:
                return created(row, body);
            case UPDATE:
                cacheResource(body);
                return result(row, RowResult.UPDATED, call.id(), nameOf(body, row), call.note());
            default:
                cache.remove(kind, call.id());
                return result(row, RowResult.DELETED, call.id(), row.name(), null);
        }
    }

    private RowResult created(ImportRow row, Object body) {
        if (body instanceof CreatedProject project) {
            recordSecret(row, project.project().id(), project.firstClient().clientId(), project.firstClient().secret().reveal());
            Project stored = project.project();
            ProjectRequest desired = ((ProjectRow) row).desired();
            if (Boolean.TRUE.equals(desired.allowUnsafeRevenueTracking())) {
                stored = (Project) send(OpenPanelOperation.UPDATE, stored.id(),
                        ProjectRequest.builder().allowUnsafeRevenueTracking(true).build());
            }
            cache.putProject(stored);
            return result(row, RowResult.CREATED, stored.id(), stored.name(), null);
        }
        if (body instanceof CreatedClient client) {
            recordSecret(row, client.client().projectId(), client.client().id(), client.secret().reveal());
            cache.putClient(client.client());
            return result(row, RowResult.CREATED, client.client().id(), client.client().name(), null);
        }
        Reference reference = (Reference) body;
        cache.putReference(reference);
        return result(row, RowResult.CREATED, reference.id(), reference.title(), null);
    }

    /** After a crash between sending a create and recording its outcome: did it take effect? Null when it did not. */
    private RowResult resolveCreate(ImportRow row, Intent intent) {
        Instant notBefore = intent.at().minus(CLOCK_TOLERANCE);
        Resolution<?> resolution;
        if (row instanceof ProjectRow project) {
            resolution = deps.api().resolver().findProject(project.desired(), notBefore);
        } else if (row instanceof ClientRow client) {
            String projectId = cache.projectId(client.project());
            resolution = deps.api().resolver().findClient(ClientRequest.of(client.name(), projectId, client.type()), notBefore);
        } else {
            ReferenceRow reference = (ReferenceRow) row;
            resolution = deps.api().resolver().findReference(ReferenceRequest.of(cache.projectId(reference.project()),
                    reference.title(), null, reference.datetime()), notBefore);
        }
        if (resolution.isAbsent()) {
            return null;
        }
        if (resolution.isAmbiguous()) {
            throw new RowRejectedException("a create sent before a crash may have been made twice: " + resolution.matches().size()
                    + " matching resources; check them");
        }
        Object found = resolution.found();
        cacheResource(found);
        String message = null;
        if (!(found instanceof Reference) && !deps.data().secrets().hasLineStartingWith(secretsFile(), row.number() + ",")) {
            String clientId = found instanceof Client client ? client.id() : firstClientOf(((Project) found).id());
            message = "created before an interruption; its secret was not recorded and cannot be recovered: rotate client "
                    + clientId;
        }
        if (found instanceof Project project) {
            Optional<ProjectRequest> patch = ProjectChanges.patch(project, ((ProjectRow) row).desired());
            if (patch.isPresent()) {
                cacheResource(send(OpenPanelOperation.UPDATE, project.id(), patch.get()));
            }
        }
        return result(row, RowResult.CREATED, idOf(found), nameOf(found, row), message);
    }

    private String firstClientOf(String projectId) {
        return deps.api().resolver().findFirstClient(projectId).orElse("'First client' of project " + projectId);
    }

    private void recordSecret(ImportRow row, String projectId, String clientId, String secret) {
        deps.data().secrets().appendLine(secretsFile(), SECRETS_HEADER,
                row.number() + "," + (projectId == null ? "" : projectId) + "," + clientId + "," + secret);
    }

    private String secretsFile() {
        return name + ".secrets.csv";
    }

    private Object send(OpenPanelOperation operation, String id, Object request) {
        Exchange answer = deps.template().request("openpanel:" + kind.resource().value(), exchange -> {
            exchange.getIn().setHeader(OpenPanelConstants.OPERATION, operation.value());
            exchange.getIn().setHeader(OpenPanelConstants.ID, id);
            exchange.getIn().setBody(request);
        });
        if (answer.getException() != null) {
            Exception failure = answer.getException();
            throw failure instanceof RuntimeException runtime ? runtime : new RuntimeCamelException(failure);
        }
        return answer.getMessage().getBody();
    }

    private void cacheResource(Object resource) {
        if (resource instanceof Project project) {
            cache.putProject(project);
        } else if (resource instanceof Client client) {
            cache.putClient(client);
        } else if (resource instanceof Reference reference) {
            cache.putReference(reference);
        }
    }

    private RowResult result(ImportRow row, String status, String id, String resourceName, String message) {
        return new RowResult(row.number(), row.action().value(), status, kind.resource().singular(), id, resourceName, message,
                null);
    }

    private RowResult failed(CsvRow csvRow, ImportRow row, String message) {
        return new RowResult(csvRow.number(), row != null ? row.action().value() : actionCell(csvRow), RowResult.FAILED,
                kind.resource().singular(), row != null ? row.id() : csvRow.value("id"),
                row != null ? row.name() : csvRow.value(kind == ImportKind.REFERENCES ? "title" : "name"), message,
                csvRow.cells());
    }

    private static String actionCell(CsvRow row) {
        String action = row.value("action");
        return action == null ? RowAction.UPSERT.value() : action;
    }

    private static String nameOf(Object resource, ImportRow row) {
        if (resource instanceof Project project) {
            return project.name();
        }
        if (resource instanceof Client client) {
            return client.name();
        }
        return resource instanceof Reference reference ? reference.title() : row.name();
    }

    private static String idOf(Object resource) {
        if (resource instanceof Project project) {
            return project.id();
        }
        return resource instanceof Client client ? client.id() : ((Reference) resource).id();
    }

    private static String describe(RowResult result) {
        return InputEcho.quoted(result.id() != null ? result.id() : "'" + result.name() + "'");
    }

    private static String verb(OpenPanelOperation operation) {
        return switch (operation) {
            case CREATE -> "create";
            case UPDATE -> "update";
            default -> "delete";
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof RuntimeCamelException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void moveTo(String folder) {
        try {
            Path target = path.resolveSibling(folder);
            Files.createDirectories(target);
            Path destination = target.resolve(fileName);
            if (Files.exists(destination)) {
                destination = target.resolve(name + "-" + Instant.now().toString().replace(":", "") + ".csv");
            }
            Files.move(path, destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + path + " to " + folder, e);
        }
    }

    private String digest(Path file) {
        try {
            return Sha256.hex(kind.value(), Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
