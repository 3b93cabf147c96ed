package dev.openpanel.camel.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.Exchange;

import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.rotation.RotationRefusedException;
import dev.openpanel.camel.rotation.RotationResult;
import dev.openpanel.camel.rotation.RotationRunReport;
import dev.openpanel.camel.rotation.RotationRuns;
import dev.openpanel.camel.rotation.Rotations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rotates a client's credentials through the rotation route: {@code rotate client ID} or {@code rotate root}. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
         description = "Replaces a client by a new one with the same name, type and project, delivers the new secret, "
                 + "and deletes the old client after openpanel.rotation.grace (default 24h) or at once with --now. "
                 + "Asked again, it resumes or answers the same rotation. Every rotation writes data/reports/rotation-<UTC time>.json.",
         subcommands = { RotateCommand.Client.class, RotateCommand.Root.class, RotateCommand.Rules.class })
public final class RotateCommand {

    /** {@code rotate client ID}. */
    @Command(name = "client", mixinStandardHelpOptions = true,
             description = "Rotates one project client (or a root client other than the tool's own). The new secret goes to "
                     + "data/secrets/rotation-<old id>.secrets.csv (0600), never to the terminal.",
             footer = { "", "Examples:",
                     "  java -jar target/openpanel-camel.jar rotate client 3f2a...-...",
                     "  java -jar target/openpanel-camel.jar rotate client 3f2a...-... --now --json",
                     "", "Exit codes: 0 rotated (or rotated before), 1 the API refused it for good (e.g. no such client),",
                     "  2 bad usage or configuration, 3 the API could not be reached (run it again: it resumes)." })
    static final class Client implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "the client to rotate")
        String clientId;

        @Mixin
        RotationOptions options;

        @Override
        public Integer call() throws Exception {
            return rotate(Map.of(Rotations.CLIENT_ID, clientId), options);
        }
    }

    /** {@code rotate root}. */
    @Command(name = "root", mixinStandardHelpOptions = true,
             description = "Rotates the client this tool authenticates with. Its id and secret must come from files "
                     + "(OPENPANEL_CLIENT_ID_FILE, OPENPANEL_CLIENT_SECRET_FILE) that the tool may replace: the new client "
                     + "answers one call first, then both files are replaced atomically, and a service running on them "
                     + "switches at its next call. The old client is deleted after the grace, or at once with --now.",
             footer = { "", "Exit codes: 0 rotated, 1 the API refused it for good, 2 the credentials are not in files,",
                     "  3 the API could not be reached (run it again: it resumes)." })
    static final class Root implements Callable<Integer> {

        @Mixin
        RotationOptions options;

        @Override
        public Integer call() throws Exception {
            return rotate(Map.of(Rotations.ROOT, true), options);
        }
    }

    /** {@code rotate rules}. */
    @Command(name = "rules", mixinStandardHelpOptions = true,
             description = "Runs the rotation rules (openpanel.rotation.rules) once. Without --apply it is a dry run: the "
                     + "report says which clients would be rotated. Every run writes data/reports/rotation-<UTC time>.json.",
             footer = { "", "Exit codes: 0 done, 1 some rotations failed or more clients matched than openpanel.rotation.max-rotations,",
                     "  2 bad usage, configuration or rules file, 3 the API could not be reached." })
    static final class Rules implements Callable<Integer> {

        @Option(names = "--apply", description = "rotate for real (within openpanel.rotation.max-rotations)")
        boolean apply;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (OneShotApplication app = OneShotApplication.start(Map.of())) {
                Exchange answer = app.request("direct:rotation-rules-run", exchange -> {
                    exchange.getIn().setHeader(RotationRuns.APPLY, apply);
                    exchange.getIn().setHeader(Rotations.TRIGGER, "command");
                });
                if (answer.getException() != null) {
                    return ExitCodes.failed(answer.getException());
                }
                RotationRunReport report = answer.getMessage().getBody(RotationRunReport.class);
                System.out.println(json ? ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.describe());
                if (report.error() != null) {
                    return report.rulesInvalid() ? ExitCodes.USAGE : ExitCodes.API_UNAVAILABLE;
                }
                return report.hasProblems() ? ExitCodes.FAILED : ExitCodes.OK;
            }
        }
    }

    /** The options of a rotation of one client. */
    static final class RotationOptions {

        @Option(names = "--now", description = "delete the old client at once instead of after the grace")
        boolean now;

        @Option(names = "--json", description = "print the result as JSON (without the secret)")
        boolean json;
    }

    private static int rotate(Map<String, Object> headers, RotationOptions options) throws Exception {
        boolean now = options.now;
        boolean json = options.json;
        try (OneShotApplication app = OneShotApplication.start(Map.of())) {
            Exchange answer = app.request("direct:rotate-client", exchange -> {
                exchange.getIn().setHeaders(new HashMap<>(headers));
                exchange.getIn().setHeader(Rotations.NOW, now);
                exchange.getIn().setHeader(Rotations.TRIGGER, "command");
            });
            Exception failure = answer.getException();
            if (failure != null) {
                RotationRefusedException refused = OpenPanelErrors.find(failure, RotationRefusedException.class);
                if (refused != null) {
                    System.err.println(refused.getMessage());
                    return ExitCodes.USAGE;
                }
                return ExitCodes.failed(failure);
            }
            RotationResult result = answer.getMessage().getBody(RotationResult.class);
            System.out.println(json ? result.toJson(false) : result.describe());
            if (!json && result.secretsFile() != null && !RotationResult.REPEATED.equals(result.status())) {
                System.out.println((result.root() ? "credentials: " : "secrets: ") + result.secretsFile());
            }
            return ExitCodes.OK;
        }
    }
}
