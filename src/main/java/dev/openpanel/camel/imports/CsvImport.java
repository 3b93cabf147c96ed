package dev.openpanel.camel.imports;

import java.io.File;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;

import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import dev.openpanel.camel.metrics.OpenPanelMetrics;

/**
 * The bean behind {@code routes/import.camel.yaml} (bean {@value #BEAN}): {@link #start} opens a file and returns
 * its rows for a streaming split, {@link #row} imports one row, {@link #finish} writes the outputs and returns an
 * {@link ImportSummary}. Headers: {@value #KIND} (projects, clients or references), {@value #DRY_RUN} (plan only),
 * {@value #MOVE_WHEN_DONE} (move the file to .done/ or .failed/), {@value #GIVE_UP_WHEN_PAUSED} (stop instead of
 * waiting while the API is unavailable). The file is the {@code CamelFileAbsolutePath} header or the body.
 */
public final class CsvImport {

    /** Registry name of the bean. */
    public static final String BEAN = "csvImport";
    public static final String KIND = "OpenpanelImportKind";
    public static final String DRY_RUN = "OpenpanelImportDryRun";
    public static final String MOVE_WHEN_DONE = "OpenpanelImportMoveWhenDone";
    public static final String GIVE_UP_WHEN_PAUSED = "OpenpanelImportGiveUpWhenPaused";
    private static final String RUN = "OpenpanelImportRun";

    private final CamelContext context;
    private final ImportSettings settings;
    private volatile ImportRun.Dependencies dependencies;

    public CsvImport(CamelContext context, ImportSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** Opens the exchange's file; the rows still to import (none when it is rejected or was imported before). */
    public Iterator<CsvRow> start(Exchange exchange) {
        ImportKind kind = ImportKind.parse(exchange.getIn().getHeader(KIND, String.class));
        ImportRun run = ImportRun.start(file(exchange), kind, flag(exchange, DRY_RUN), flag(exchange, GIVE_UP_WHEN_PAUSED),
                dependencies());
        exchange.setProperty(RUN, run);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.close();
            }
        });
        return run.rows();
    }

    /** Imports the row in the body, waiting while the API is unavailable. */
    public void row(Exchange exchange) {
        exchange.getProperty(RUN, ImportRun.class).importRow(exchange.getIn().getBody(CsvRow.class));
    }

    /** Writes the results and errors files, moves the file when asked, and returns the summary. */
    public ImportSummary finish(Exchange exchange) {
        return exchange.getProperty(RUN, ImportRun.class).finish(flag(exchange, MOVE_WHEN_DONE));
    }

    private ImportRun.Dependencies dependencies() {
        if (dependencies == null) {
            ProducerTemplate template = context.createProducerTemplate();
            dependencies = new ImportRun.Dependencies(OpenPanelConfiguration.manageApi(context), template,
                    context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class),
                    context.getRegistry().lookupByNameAndType(OpenPanelConfiguration.METRICS, OpenPanelMetrics.class),
                    settings, () -> context.isStopping() || context.isStopped());
        }
        return dependencies;
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
