package dev.openpanel.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.Exchange;

import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.provisioning.InvalidEventException;
import dev.openpanel.camel.provisioning.Provisioning;
import dev.openpanel.camel.provisioning.ProvisioningRejectedException;
import dev.openpanel.camel.provisioning.ProvisioningResult;
import dev.openpanel.camel.rotation.RotationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Provisions one deployment event through the provisioning route, without the queue, and says what it did. */
@Command(name = "provision", mixinStandardHelpOptions = true,
         description = "Provisions one deployment event (JSON, the schema of the README) through the same route as the "
                 + "queue: the project, its clients and the reference. New secrets go to data/secrets/ (0600), never to "
                 + "the terminal; the summary names the file. An eventId provisioned before is answered, not done again.",
         footer = { "", "Examples:",
                 "  java -jar target/openpanel-camel.jar provision deploy-42.json",
                 "  java -jar target/openpanel-camel.jar provision deploy-42.json --json",
                 "", "Exit codes: 0 provisioned (or provisioned before), 1 the event is invalid or a step failed for good,",
                 "  2 bad usage or configuration, 3 the API could not be reached or refused the credentials." })
public final class ProvisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENT.json", description = "the deployment event")
    Path file;

    @Option(names = "--json", description = "print the result as JSON (without the secrets)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "EVENT.json: " + file + " is not a file");
        }
        byte[] event = Files.readAllBytes(file);
        try (OneShotApplication app = OneShotApplication.start(Map.of())) {
            Exchange answer = app.request("direct:provision-event", exchange -> exchange.getIn().setBody(event));
            Exception failure = answer.getException();
            if (failure != null) {
                InvalidEventException invalid = OpenPanelErrors.find(failure, InvalidEventException.class);
                if (invalid != null) {
                    System.err.println(invalid.getMessage());
                    return ExitCodes.FAILED;
                }
                ProvisioningRejectedException rejected = OpenPanelErrors.find(failure, ProvisioningRejectedException.class);
                if (rejected != null) {
                    System.err.println(rejected.getMessage());
                    return ExitCodes.FAILED;
                }
                return ExitCodes.failed(failure);
            }
            if (answer.getMessage().getBody() instanceof RotationResult rotation) {
                System.out.println(json ? rotation.toJson(false) : "Event " + answer.getMessage().getHeader(Provisioning.EVENT_ID) + ": "
                        + rotation.describe());
                if (!json && rotation.secretsFile() != null && !RotationResult.REPEATED.equals(rotation.status())) {
                    System.out.println("secrets: " + rotation.secretsFile());
                }
                return ExitCodes.OK;
            }
            ProvisioningResult result = answer.getMessage().getBody(ProvisioningResult.class);
            if (json) {
                System.out.println(result.toJson(false));
            } else {
                System.out.println("Event " + result.eventId() + ": " + result.describe());
                if (result.secretsFile() != null && !result.repeated()) {
                    System.out.println("secrets: " + result.secretsFile());
                }
            }
            return ExitCodes.OK;
        }
    }
}
