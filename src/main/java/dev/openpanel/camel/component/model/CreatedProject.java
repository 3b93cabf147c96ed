package dev.openpanel.camel.component.model;

/**
 * The answer to a project create: the project, and the write client ("First client") the API creates with it,
 * whose plain secret is shown this once.
 */
public record CreatedProject(Project project, ClientCredentials firstClient) {
}
