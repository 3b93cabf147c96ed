package dev.openpanel.camel.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.Exchange;

import dev.openpanel.camel.cleanup.CleanupRuns;
import dev.openpanel.camel.cleanup.CleanupReport;
import dev.openpanel.camel.component.api.ManageJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one cleanup through the cleanup route: a dry run unless {@code --apply}. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
         description = "Runs the cleanup rules (openpanel.cleanup.rules) once. Without --apply it is a dry run: the "
                 + "report says what would be deleted and nothing is. Every run writes data/reports/cleanup-<UTC time>.json.",
         footer = { "", "Examples:",
                 "  java -jar target/openpanel-camel.jar cleanup",
                 "  java -jar target/openpanel-camel.jar cleanup --apply --json",
                 "", "Exit codes: 0 done, 1 some deletions failed, 2 bad usage, configuration or rules file,",
                 "  3 the API could not be reached or refused the credentials (the next run picks up the rest)." })
public final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--apply", description = "delete for real (still within openpanel.cleanup.max-deletes)")
    boolean apply;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (OneShotApplication app = OneShotApplication.start(Map.of())) {
            Exchange answer = app.request("direct:cleanup-run", exchange -> {
                exchange.getIn().setHeader(CleanupRuns.APPLY, apply);
                exchange.getIn().setHeader(CleanupRuns.TRIGGER, "command");
            });
            if (answer.getException() != null) {
                return ExitCodes.failed(answer.getException());
            }
            CleanupReport report = answer.getMessage().getBody(CleanupReport.class);
            System.out.println(json ? ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    : report.describe());
            return exitCode(report);
        }
    }

    private static int exitCode(CleanupReport report) {
        if (report.error() != null) {
            return report.rulesInvalid() ? ExitCodes.USAGE : ExitCodes.API_UNAVAILABLE;
        }
        if (report.stoppedBecause() != null) {
            return ExitCodes.API_UNAVAILABLE;
        }
        return report.hasProblems() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
