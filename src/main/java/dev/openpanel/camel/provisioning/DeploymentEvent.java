package dev.openpanel.camel.provisioning;

import java.time.Instant;
import java.util.List;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.ProjectRequest;

/**
 * A deployment event (PRODUCT.md section 7), validated: the project as it must look, the clients it must have, and
 * the reference that marks the deployment on its timeline.
 *
 * @param eventId   the event's unique id: an event id seen before is answered, not provisioned again
 * @param project   the project as it must look (found by its exact name)
 * @param clients   the clients the project must have (found by name and type); may be empty
 * @param reference the reference to create unless an identical one exists; null when the event has none
 * @param digest    SHA-256 of the event as received, to notice an event id reused for other content
 * @param rotateClientId for a rotation event ({@code "rotate": {"clientId": ...}}) the client to rotate; then the
 *                  project is null and there are no clients or reference. Null for a deployment.
 */
public record DeploymentEvent(String eventId, ProjectRequest project, List<ClientSpec> clients, ReferenceSpec reference,
        String digest, String rotateClientId) {

    public DeploymentEvent {
        clients = List.copyOf(clients);
    }

    /** A client the project must have. */
    public record ClientSpec(String name, ClientType type) {

        /** The journal's name for the step that ensures this client. */
        String step() {
            return "client:" + type.value() + ":" + name;
        }
    }

    /** The reference that marks the deployment. */
    public record ReferenceSpec(String title, String description, Instant datetime) {
    }
}
