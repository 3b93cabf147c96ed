package dev.openpanel.camel.component;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ProjectsApi;
import dev.openpanel.camel.component.model.CreatedProject;
import dev.openpanel.camel.component.model.ProjectRequest;

/** list: {@code List<Project>}; get, update: {@code Project}; create: {@code CreatedProject}; delete: {@code true}. */
final class ProjectsHandler implements ResourceHandler {

    @Override
    public void handle(OpenPanelOperation operation, ExchangeArguments arguments, ManageApi api) {
        ProjectsApi projects = api.projects();
        switch (operation) {
            case LIST -> arguments.result(projects.list());
            case GET -> arguments.result(projects.get(arguments.id(operation)));
            case CREATE -> {
                CreatedProject created = projects.create(arguments.body(operation, ProjectRequest.class));
                arguments.result(created, created.project().id());
            }
            case UPDATE -> {
                String id = arguments.id(operation);
                arguments.result(projects.update(id, arguments.body(operation, ProjectRequest.class)));
            }
            case DELETE -> {
                projects.delete(arguments.id(operation));
                arguments.result(Boolean.TRUE);
            }
        }
    }
}
