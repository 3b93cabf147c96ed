package dev.openpanel.camel.component;

import java.time.Clock;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.ensure.ResourceWrites;
import dev.openpanel.camel.component.ensure.WriteContext;
import dev.openpanel.camel.component.kind.ResourceKind;

/**
 * Performs one operation on one resource kind, reading its arguments from and writing its result to the exchange.
 * Bodies out: list: {@code List<Project>} (and so on); get, update: the resource; create: {@code CreatedProject},
 * {@code CreatedClient} or the {@code Reference}; delete: {@code true}; ensure: the create's answer when it created,
 * else the resource as it now is.
 */
final class ResourceOperations {

    private final ResourceWrites writes = new ResourceWrites(Clock.systemUTC());

    <R, Q> void perform(ResourceKind<R, Q> kind, OpenPanelOperation operation, ExchangeArguments arguments, ManageApi api) {
        switch (operation) {
            case LIST -> arguments.result(kind.list(api, arguments.projectFilter()));
            case GET -> arguments.result(kind.get(api, arguments.id(operation)));
            case CREATE -> {
                Q desired = arguments.body(operation, kind.requestType());
                arguments.result(writes.create(kind, desired, arguments.writeContext(api, keyOf(kind, desired))));
            }
            case UPDATE -> {
                String id = arguments.id(operation);
                Q changes = arguments.body(operation, kind.requestType());
                arguments.result(writes.update(kind, id, changes, arguments.writeContext(api, keyOf(kind, id))));
            }
            case DELETE -> {
                String id = arguments.id(operation);
                arguments.result(writes.delete(kind, id, arguments.writeContext(api, keyOf(kind, id))));
            }
            case ENSURE -> {
                Q desired = arguments.body(operation, kind.requestType());
                WriteContext context = arguments.writeContext(api, keyOf(kind, desired));
                arguments.result(writes.ensure(kind, desired, context));
            }
        }
    }

    /** The in-memory intent key of a write by natural key. */
    private static <Q> String keyOf(ResourceKind<?, Q> kind, Q desired) {
        return kind.resource().value() + ":" + kind.describeKey(desired);
    }

    /** The in-memory intent key of a write by id. */
    private static String keyOf(ResourceKind<?, ?> kind, String id) {
        return kind.resource().value() + ":id:" + id;
    }
}
