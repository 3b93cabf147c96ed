package dev.openpanel.camel.imports;

import java.io.File;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.ensure.ResourceSnapshot;
import dev.openpanel.camel.component.kind.ResourceKind;
import dev.openpanel.camel.component.limit.CallPriority;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.extensions.ExtensionPoints;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The file steps of {@code routes/import.camel.yaml} (bean {@value #BEAN}): {@link #open} checks a file and sets up
 * what its rows share (journal, snapshot, intents), {@link #rows} gives the rows still to import for a streaming
 * split, {@link #finish} writes the outputs and returns the {@link ImportSummary}. Headers: {@value #KIND} (projects,
 * clients or references), {@value #DRY_RUN} (plan only), {@value #MOVE_WHEN_DONE} (move the file to .done/ or
 * .failed/), {@value #GIVE_UP_WHEN_PAUSED} (stop instead of waiting while the API is unavailable). The file is the
 * {@code CamelFileAbsolutePath} header or the body.
 */
public final class ImportFiles {

    /** Registry name of the bean. */
    public static final String BEAN = "importFiles";
    public static final String KIND = "OpenpanelImportKind";
    public static final String DRY_RUN = "OpenpanelImportDryRun";
    public static final String MOVE_WHEN_DONE = "OpenpanelImportMoveWhenDone";
    public static final String GIVE_UP_WHEN_PAUSED = "OpenpanelImportGiveUpWhenPaused";
    /** Header: the resource a listing step lists. */
    public static final String LISTING = "OpenpanelImportListing";
    /** Exchange property: whether a route subscribes to every row's result (checked once per file). */
    public static final String ROW_RESULT_SUBSCRIBED = "OpenpanelImportRowResultSubscribed";
    /** Exchange property: whether a route subscribes to failed rows (checked once per file). */
    public static final String ROW_FAILED_SUBSCRIBED = "OpenpanelImportRowFailedSubscribed";
    /** Exchange property holding the {@link ImportFile} of the running import. */
    static final String FILE = "OpenpanelImportFile";

    private final Supplier<ManageApi> api;
    private final Supplier<OpenPanelMetrics> metrics;
    private final DataDirectory data;
    private final ImportSettings settings;
    private final ExtensionPoints extensions;

    public ImportFiles(Supplier<ManageApi> api, DataDirectory data, ImportSettings settings, ExtensionPoints extensions,
            Supplier<OpenPanelMetrics> metrics) {
        this.api = api;
        this.metrics = metrics;
        this.data = data;
        this.settings = settings;
        this.extensions = extensions;
    }

    /** Opens the exchange's file; a rejected file, or one imported before, then has no rows. */
    public void open(Exchange exchange) {
        ImportKind kind = ImportKind.parse(exchange.getIn().getHeader(KIND, String.class));
        ResourceSnapshot snapshot = ResourceSnapshot.of(api.get().withPriority(CallPriority.BULK));
        ImportFile file = ImportFile.open(file(exchange), kind, flag(exchange, DRY_RUN), flag(exchange, GIVE_UP_WHEN_PAUSED),
                data, snapshot, settings);
        exchange.setProperty(FILE, file);
        exchange.setProperty(ROW_RESULT_SUBSCRIBED, extensions.subscribed("openpanel-import-row-result"));
        exchange.setProperty(ROW_FAILED_SUBSCRIBED, extensions.subscribed("openpanel-import-row-failed"));
        exchange.setProperty(OpenPanelConstants.SNAPSHOT, snapshot);
        if (file.journal() != null) {
            exchange.setProperty(OpenPanelConstants.INTENTS, new JournalIntents(file.journal()));
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                file.close();
            }
        });
    }

    /** Takes the listing in the body (of the resource in {@value #LISTING}) into the file's snapshot. */
    public void seed(Exchange exchange) {
        ImportFile file = exchange.getProperty(FILE, ImportFile.class);
        OpenPanelResource resource = OpenPanelResource.parse(exchange.getIn().getHeader(LISTING, String.class));
        file.snapshot.seed(ResourceKind.of(resource), exchange.getIn().getBody(List.class));
        file.listings.listed(resource.value());
    }

    /** The rows still to import, admitted in row order (see {@link ImportRows#plan}). */
    public Iterator<AdmittedRow> rows(Exchange exchange) {
        return exchange.getProperty(FILE, ImportFile.class).rows();
    }

    /** Writes the results and errors files, moves the file when asked, and returns the summary. */
    public ImportSummary finish(Exchange exchange) {
        boolean move = flag(exchange, MOVE_WHEN_DONE);
        ImportSummary summary = exchange.getProperty(FILE, ImportFile.class).finish(move);
        if (move && summary.rejection() != null && !summary.dryRun()) {
            metrics.get().fileRejected(summary.kind(), "unreadable");
        }
        return summary;
    }

    private static Path file(Exchange exchange) {
        String absolute = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (absolute != null) {
            return Path.of(absolute);
        }
        File body = exchange.getIn().getBody(File.class);
        if (body == null) {
            throw new IllegalArgumentException("no file to import: set the CamelFilePath header or send the file as the body");
        }
        return body.toPath();
    }

    private static boolean flag(Exchange exchange, String header) {
        return Boolean.TRUE.equals(exchange.getIn().getHeader(header, Boolean.class));
    }
}
