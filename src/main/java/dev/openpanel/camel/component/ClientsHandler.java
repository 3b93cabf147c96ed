package dev.openpanel.camel.component;

import dev.openpanel.camel.component.api.ClientsApi;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.model.ClientRequest;
import dev.openpanel.camel.component.model.CreatedClient;

/** list: {@code List<Client>}; get, update: {@code Client}; create: {@code CreatedClient}; delete: {@code true}. */
final class ClientsHandler implements ResourceHandler {

    @Override
    public void handle(OpenPanelOperation operation, ExchangeArguments arguments, ManageApi api) {
        ClientsApi clients = api.clients();
        switch (operation) {
            case LIST -> arguments.result(clients.list(arguments.projectFilter()));
            case GET -> arguments.result(clients.get(arguments.id(operation)));
            case CREATE -> {
                CreatedClient created = clients.create(arguments.body(operation, ClientRequest.class));
                arguments.result(created, created.client().id());
            }
            case UPDATE -> {
                String id = arguments.id(operation);
                arguments.result(clients.update(id, arguments.body(operation, ClientRequest.class)));
            }
            case DELETE -> {
                clients.delete(arguments.id(operation));
                arguments.result(Boolean.TRUE);
            }
        }
    }
}
