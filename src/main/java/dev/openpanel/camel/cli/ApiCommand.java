package dev.openpanel.camel.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.OpenPanelOperation;
import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageJson;
import dev.openpanel.camel.component.model.ClientCredentials;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.ProjectIds;
import dev.openpanel.camel.config.DataDirectory;
import dev.openpanel.camel.config.OpenPanelConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One Manage API call through the {@code openpanel:} component (and its rate limiter), printing the answer as JSON. */
@Command(name = "api", mixinStandardHelpOptions = true,
         description = "Calls the Manage API once and prints the answer as JSON on stdout. Secrets in a create's "
                 + "answer print as [secret]; their values go to data/secrets/api-<UTC time>.secrets.csv.",
         footer = { "", "Examples:",
                 "  java -jar target/openpanel-camel.jar api projects list",
                 "  java -jar target/openpanel-camel.jar api clients list --project-id shop-eu",
                 "  java -jar target/openpanel-camel.jar api projects create --data '{\"name\":\"shop-eu\",\"types\":[\"website\"]}'",
                 "  java -jar target/openpanel-camel.jar api references delete --id 0b6b...",
                 "", "A project create whose name the server would turn into the empty id (no Latin letter or digit,",
                 "  e.g. a name in Japanese) is refused (exit 1) unless --force is given.",
                 "", "Exit codes: 0 success, 1 refused for good (400, 404), 2 bad usage or configuration,",
                 "  3 the API could not be reached or refused the credentials." })
public final class ApiCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESOURCE", description = "projects, clients or references")
    String resource;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "list, get, create, update or delete")
    String operation;

    @Option(names = "--id", description = "id of the resource to get, update or delete")
    String id;

    @Option(names = "--project-id", description = "list only the clients or references of this project")
    String projectId;

    @Option(names = "--data", paramLabel = "JSON", description = "the body of a create or update")
    String data;

    @Option(names = "--force", description = "create a project even under a name the server would give the empty id "
            + "(no Latin letter or digit), which this tool can then neither update nor delete")
    boolean force;

    @Override
    public Integer call() throws Exception {
        OpenPanelResource target = parse(() -> OpenPanelResource.parse(resource));
        OpenPanelOperation action = parse(() -> OpenPanelOperation.parse(operation));
        String emptyId = target == OpenPanelResource.PROJECTS && action == OpenPanelOperation.CREATE && !force
                ? ProjectIds.emptyIdProblem(projectName()) : null;
        if (emptyId != null) {
            System.err.println("Refused: " + emptyId + ". Add --force to create it anyway.");
            return ExitCodes.FAILED;
        }
        try (OneShotApplication app = OneShotApplication.startCore()) {
            ProducerTemplate template = app.context().createProducerTemplate();
            Exchange result = template.request("openpanel:" + target.value(), exchange -> {
                exchange.getIn().setHeader(OpenPanelConstants.OPERATION, action.value());
                exchange.getIn().setHeader(OpenPanelConstants.ID, id);
                exchange.getIn().setHeader(OpenPanelConstants.PROJECT_ID, projectId);
                exchange.getIn().setBody(data);
            });
            if (result.getException() != null) {
                return ExitCodes.failed(result.getException());
            }
            Object body = result.getMessage().getBody();
            keepSecrets(app, body);
            System.out.println(ManageJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
            return ExitCodes.OK;
        }
    }

    private void keepSecrets(OneShotApplication app, Object body) {
        ClientCredentials credentials = body instanceof CreatedProject created ? created.firstClient()
                : body instanceof CreatedClient created ? created.credentials() : null;
        if (credentials == null) {
            return;
        }
        DataDirectory data = app.context().getRegistry().lookupByNameAndType(OpenPanelConfiguration.DATA, DataDirectory.class);
        String file = "api-" + STAMP.format(Instant.now()) + ".secrets.csv";
        data.secrets().appendLine(file, "clientId,clientSecret", credentials.clientId() + "," + credentials.secret().reveal());
        System.err.println("The client's secret was written to " + data.secrets().directory().resolve(file));
    }

    /** The name in {@code --data}, or null (the component reports a body it cannot read). */
    private String projectName() {
        try {
            JsonNode name = data == null ? null : ManageJson.mapper().readTree(data).path("name");
            return name != null && name.isTextual() ? name.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
