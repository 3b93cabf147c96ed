package dev.openpanel.camel.imports;

import org.apache.camel.Message;

import dev.openpanel.camel.component.OpenPanelConstants;
import dev.openpanel.camel.component.ensure.WriteResult;
import dev.openpanel.camel.component.model.Client;
import dev.openpanel.camel.component.model.CreatedClient;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.Project;
import dev.openpanel.camel.component.model.Reference;

/**
 * Reads a row's {@code openpanel:} answer (body and outcome headers) into its {@link RowResult}, and writes the secret
 * of a created client to the secrets file first, so a row is never recorded done with its secret unwritten.
 */
final class RowRecorder {

    static final String SECRETS_HEADER = "row,projectId,clientId,clientSecret";

    RowResult fromAnswer(ImportFile file, ImportRow row, Message answer) {
        Object body = answer.getBody();
        String outcome = answer.getHeader(OpenPanelConstants.OUTCOME, String.class);
        String id = answer.getHeader(OpenPanelConstants.ID, String.class);
        String message = answer.getHeader(OpenPanelConstants.NOTE, String.class);
        if (body instanceof CreatedProject created && created.firstClient() != null) {
            recordSecret(file, row, created.project().id(), created.firstClient().clientId(),
                    created.firstClient().secret().reveal());
        } else if (body instanceof CreatedClient created) {
            recordSecret(file, row, created.client().projectId(), created.client().id(), created.secret().reveal());
        }
        if (Boolean.TRUE.equals(answer.getHeader(OpenPanelConstants.RECOVERED, Boolean.class)) && !(body instanceof Reference)
                && !file.data.secrets().hasLineStartingWith(file.secretsFile(), row.number() + ",")) {
            String first = answer.getHeader(OpenPanelConstants.FIRST_CLIENT_ID, String.class);
            String clientId = body instanceof Client client ? client.id() : first != null ? first : "'First client' of project " + id;
            message = WriteResult.lostSecretNote(clientId);
        }
        return RowResults.of(row, file.kind, outcome, id, nameOf(body, row), message);
    }

    private static void recordSecret(ImportFile file, ImportRow row, String projectId, String clientId, String secret) {
        file.data.secrets().appendLine(file.secretsFile(), SECRETS_HEADER,
                row.number() + "," + (projectId == null ? "" : projectId) + "," + clientId + "," + secret);
    }

    private static String nameOf(Object body, ImportRow row) {
        if (body instanceof CreatedProject created) {
            return created.project().name();
        }
        if (body instanceof CreatedClient created) {
            return created.client().name();
        }
        if (body instanceof Project project) {
            return project.name();
        }
        if (body instanceof Client client) {
            return client.name();
        }
        return body instanceof Reference reference ? reference.title() : row.name();
    }
}
