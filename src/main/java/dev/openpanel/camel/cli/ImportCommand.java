package dev.openpanel.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.Exchange;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.imports.ImportFiles;
import dev.openpanel.camel.imports.ImportKind;
import dev.openpanel.camel.imports.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Imports one CSV file through the import route, as a file dropped into the inbox would be, and says how it went. */
@Command(name = "import", mixinStandardHelpOptions = true,
         description = "Imports a CSV file of projects, clients or references through the same route as the inbox, "
                 + "writing the same outputs (data/outbox, data/errors, data/secrets). The file stays where it is. "
                 + "If the API becomes unavailable the command stops (exit 3); running it again resumes where it stopped.",
         footer = { "", "Examples:",
                 "  java -jar target/openpanel-camel.jar import batch-7.csv --kind projects",
                 "  java -jar target/openpanel-camel.jar import clients.csv --kind clients --dry-run",
                 "  java -jar target/openpanel-camel.jar import refs.csv --kind references --json",
                 "", "Exit codes: 0 every row succeeded, 1 some rows failed or the file was rejected,",
                 "  2 bad usage or configuration, 3 the API could not be reached or refused the credentials." })
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file to import")
    Path file;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "projects, clients or references")
    String kind;

    @Option(names = "--dry-run", description = "validate and plan only: write data/outbox/<name>.plan.csv, change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ImportKind importKind;
        try {
            importKind = ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--kind: " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "FILE: " + file + " is not a file");
        }
        try (OneShotApplication app = OneShotApplication.start(Map.of())) {
            Exchange answer = app.request("direct:import-file", exchange -> {
                exchange.getIn().setHeader(ImportFiles.KIND, importKind.value());
                exchange.getIn().setHeader(ImportFiles.DRY_RUN, dryRun);
                exchange.getIn().setHeader(ImportFiles.GIVE_UP_WHEN_PAUSED, true);
                exchange.getIn().setHeader(Exchange.FILE_PATH, file.toAbsolutePath().toString());
            });
            if (answer.getException() != null) {
                return ExitCodes.failed(answer.getException());
            }
            ImportSummary summary = answer.getMessage().getBody(ImportSummary.class);
            System.out.println(json ? ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary)
                    : summary.describe() + outputs(summary));
            return summary.rejection() != null || summary.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private static String outputs(ImportSummary summary) {
        StringBuilder text = new StringBuilder();
        if (summary.results() != null) {
            text.append(System.lineSeparator()).append(summary.dryRun() ? "plan:    " : "results: ").append(summary.results());
        }
        if (summary.errors() != null) {
            text.append(System.lineSeparator()).append("errors:  ").append(summary.errors());
        }
        if (summary.secrets() != null) {
            text.append(System.lineSeparator()).append("secrets: ").append(summary.secrets());
        }
        return text.toString();
    }
}
