package dev.openpanel.camel.component;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.ReferencesApi;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;

/** list: {@code List<Reference>}; get, create, update: {@code Reference}; delete: {@code true}. */
final class ReferencesHandler implements ResourceHandler {

    @Override
    public void handle(OpenPanelOperation operation, ExchangeArguments arguments, ManageApi api) {
        ReferencesApi references = api.references();
        switch (operation) {
            case LIST -> arguments.result(references.list(arguments.projectFilter()));
            case GET -> arguments.result(references.get(arguments.id(operation)));
            case CREATE -> {
                Reference created = references.create(arguments.body(operation, ReferenceRequest.class));
                arguments.result(created, created.id());
            }
            case UPDATE -> {
                String id = arguments.id(operation);
                arguments.result(references.update(id, arguments.body(operation, ReferenceRequest.class)));
            }
            case DELETE -> {
                references.delete(arguments.id(operation));
                arguments.result(Boolean.TRUE);
            }
        }
    }
}
