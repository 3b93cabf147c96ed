package dev.openpanel.camel.imports;

import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.logging.InputEcho;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The row steps of {@code routes/import.camel.yaml} (bean {@value #BEAN}): {@link #plan} validates a row and sets up
 * its {@code openpanel:} step (or its known result), {@link #record} turns the step's answer into the row's
 * {@link RowResult}, {@link #failed} does the same for a permanent failure, and {@link #isPermanent} /
 * {@link #keepWaiting} tell the route's error handling which failures fail the row and how long to wait out the rest.
 */
public final class ImportRows {

    /** Registry name of the bean. */
    public static final String BEAN = "importRows";
    /** Header: whether the row needs its {@code openpanel:} step. */
    public static final String NEEDS_CALL = "OpenpanelRowNeedsCall";
    /** Header: the step's resource (projects, clients, references). */
    public static final String RESOURCE = "OpenpanelImportResource";
    /** Header set by {@link #record}: whether the row failed. */
    public static final String ROW_FAILED = "OpenpanelRowFailed";
    private static final String CSV_ROW = "OpenpanelImportCsvRow";
    private static final String ROW = "OpenpanelImportRow";
    private static final String ADMITTED = "OpenpanelImportAdmittedRow";
    private static final Logger LOG = LoggerFactory.getLogger(ImportRows.class);

    private final ImportSettings settings;
    private final Supplier<OpenPanelMetrics> metrics;
    private final RowRecorder recorder = new RowRecorder();

    public ImportRows(ImportSettings settings, Supplier<OpenPanelMetrics> metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Validates the row in the body and sets its step up; an invalid row becomes a failed result, not an exception.
     * When planning needs a listing the file does not have yet, the header {@value ImportFiles#LISTING} names it: the
     * route lists it and plans again (when another row is listing it already, this one waits for that listing). The
     * first call waits until every earlier row touching the same resource has its result ({@link RowOrder}).
     */
    public void plan(Exchange exchange) {
        ImportFile file = file(exchange);
        AdmittedRow admitted = exchange.getProperty(ADMITTED, AdmittedRow.class);
        if (admitted == null) {
            admitted = exchange.getIn().getBody(AdmittedRow.class);
            exchange.setProperty(ADMITTED, admitted);
            exchange.setProperty(CSV_ROW, admitted.csv());
            exchange.setProperty(ROW, admitted.row());
            AdmittedRow row = admitted;
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    file.listings.release(done);
                    file.rowEnded(row.ticket(), false);
                }
            });
            admitted.ticket().awaitTurn();
        }
        Message message = exchange.getIn();
        message.setHeader(RESOURCE, file.kind.resource().value());
        message.setHeader(NEEDS_CALL, false);
        message.removeHeader(ImportFiles.LISTING);
        ImportRow row = admitted.row();
        if (row == null) {
            message.setBody(RowResults.failed(file.kind, admitted.csv(), null, admitted.rejection()));
            return;
        }
        RowPlan plan;
        while (true) {
            try {
                plan = new RowPlanner(file.snapshot, file.journal(), settings.allowRootClients()).plan(row);
                break;
            } catch (ListingNeeded e) {
                if (file.listings.claim(e.resource(), exchange)) {
                    message.setHeader(ImportFiles.LISTING, e.resource());
                    return;
                }
                file.listings.await(e.resource());
            } catch (RowRejectedException e) {
                message.setBody(RowResults.failed(file.kind, admitted.csv(), row, e.getMessage()));
                return;
            }
        }
        if (plan instanceof RowPlan.Known known) {
            message.setBody(known.result());
            return;
        }
        RowPlan.Call call = (RowPlan.Call) plan;
        if (file.dryRun && call.operation() != OpenPanelOperation.ENSURE) {
            message.setBody(RowResults.of(row, file.kind, "would-" + call.operation().value(), call.id(), row.name(), null));
            return;
        }
        message.setHeader(NEEDS_CALL, true);
        message.setHeader(OpenPanelConstants.OPERATION, call.operation().value());
        message.setHeader(OpenPanelConstants.CREATE_IF_ABSENT, call.createIfAbsent());
        message.setHeader(OpenPanelConstants.INTENT_KEY, String.valueOf(row.number()));
        message.setHeader(OpenPanelConstants.DRY_RUN, file.dryRun);
        message.setHeader(call.operation() == OpenPanelOperation.ENSURE ? OpenPanelConstants.ENSURE_ID : OpenPanelConstants.ID,
                call.id());
        message.setBody(call.body());
    }

    /** Turns the row's answer (or its known result) into its {@link RowResult}, records it, and leaves it as the body. */
    public RowResult record(Exchange exchange) {
        ImportFile file = file(exchange);
        Object body = exchange.getIn().getBody();
        RowResult result = body instanceof RowResult known ? known
                : recorder.fromAnswer(file, exchange.getProperty(ROW, ImportRow.class), exchange.getIn());
        return finish(exchange, file, result);
    }

    /** The row's step failed for good (API 400 or 404, an ambiguous key): its failed result becomes the body. */
    public RowResult failed(Exchange exchange) {
        ImportFile file = file(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        String reason = api != null && api.getApiMessage() != null ? api.getApiMessage()
                : failure == null ? "unknown failure" : failure.getMessage();
        RowResult result = RowResults.failed(file.kind, exchange.getProperty(CSV_ROW, CsvRow.class),
                exchange.getProperty(ROW, ImportRow.class), reason);
        exchange.getIn().setBody(result);
        return result;
    }

    /** Whether a failure of a row's step fails the row: it is permanent (invalid input, 400, 404, ambiguous). */
    public boolean isPermanent(Exchange exchange) {
        return exchange.getProperty(ROW) != null && !exchange.getIn().getHeader(OpenPanelConstants.OPERATION, "", String.class)
                .equals("list") && OpenPanelErrors.isPermanent(failure(exchange));
    }

    /**
     * Whether a failure of a row's step, or of a listing the rows need, is one to wait out (429 after its waits, 5xx,
     * timeouts, 401/403).
     */
    public boolean isTransient(Exchange exchange) {
        return exchange.getProperty(ImportFiles.FILE) != null && OpenPanelErrors.isTransient(failure(exchange));
    }

    /**
     * The redelivery condition of transient failures: keep waiting on the row (saying so once), unless the import was
     * started by a one-shot command (it stops; the next run resumes) or the service is stopping.
     */
    public boolean keepWaiting(Exchange exchange) {
        ImportFile file = file(exchange);
        Throwable cause = failure(exchange);
        int position = rowNumber(exchange) == 0 ? 0 : Math.max(1, Math.min(file.position(), rowNumber(exchange)));
        String where = position == 0 ? "before its first row" : "at row " + position + " of " + file.total();
        if (file.giveUpWhenPaused || exchange.getContext().isStopping()) {
            LOG.warn("Import of {} stopped {}: {}; it resumes there on the next run", file.fileName, where, why(cause));
            return false;
        }
        if (file.pause(position)) {
            LOG.warn("Import of {} paused {}: {} ({}). The file stays in the inbox; trying again until the API answers",
                    file.fileName, where, why(cause), cause == null ? "" : cause.getMessage());
        }
        return true;
    }

    private RowResult finish(Exchange exchange, ImportFile file, RowResult result) {
        file.record(result, exchange.getProperty(ADMITTED, AdmittedRow.class).ticket());
        if (!file.dryRun) {
            metrics.get().rowImported(file.kind.value(), result.status());
            LOG.info("{} row {}: {} {} {}{}", file.fileName, result.row(), result.resource(), describe(result), result.status(),
                    result.message() == null ? "" : " (" + result.message() + ")");
        }
        if (file.resume()) {
            LOG.info("Import of {} resumed at row {}", file.fileName, result.row());
        }
        exchange.getIn().setBody(result);
        exchange.getIn().setHeader(ROW_FAILED, result.failed());
        return result;
    }

    private static String describe(RowResult result) {
        if (result.id() == null && result.name() == null) {
            return "(no name)";
        }
        return InputEcho.quoted(result.id() != null ? result.id() : "'" + result.name() + "'");
    }

    private static int rowNumber(Exchange exchange) {
        CsvRow row = exchange.getProperty(CSV_ROW, CsvRow.class);
        return row == null ? 0 : row.number();
    }

    private static String why(Throwable cause) {
        return OpenPanelErrors.isCredentialsProblem(cause) ? "the API refuses the credentials" : "the API is unavailable";
    }

    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static ImportFile file(Exchange exchange) {
        return exchange.getProperty(ImportFiles.FILE, ImportFile.class);
    }
}
