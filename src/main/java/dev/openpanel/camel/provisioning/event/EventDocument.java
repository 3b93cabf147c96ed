package dev.openpanel.camel.provisioning.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonClassDescription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.openpanel.camel.component.model.ClientType;
import dev.openpanel.camel.component.model.IsoInstants;
import dev.openpanel.camel.component.model.ProjectRequest;
import dev.openpanel.camel.component.model.ProjectType;
import dev.openpanel.camel.provisioning.DeploymentEvent;
import dev.openpanel.camel.provisioning.DeploymentEvent.ClientSpec;
import dev.openpanel.camel.provisioning.DeploymentEvent.ReferenceSpec;

/**
 * A deployment event as sent (PRODUCT.md section 7), bound strictly by {@link StrictEventJson} and checked by
 * {@link EventValidator} against the constraints below, which are the API's own rules. Text values arrive trimmed.
 * Only a document without problems becomes a {@link DeploymentEvent}.
 */
public record EventDocument(
        @RequiredText
        @AtMost(value = 200, message = "is {size} characters long; the limit is {max}")
        @Pattern(regexp = "[\\x21-\\x7e]*", message = "use printable ASCII without spaces (e.g. deploy-2026-11-22-shop-eu-42)")
        String eventId,
        @Valid Project project,
        @AtMost(value = 20, message = "{size} clients; one event may ask for {max} at most") @DistinctClients
        List<@NotNull(message = "must be an object, got null") @Valid Client> clients,
        @Valid Reference reference,
        @Valid Rotate rotate) {

    /** The client a rotation event replaces (PRODUCT.md section 12): {@code {"eventId": ..., "rotate": {"clientId": ...}}}. */
    @JsonClassDescription("{\"clientId\": ...}")
    public record Rotate(
            @RequiredText
            @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", message = "must be a client id (a UUID)")
            String clientId) {
    }

    /** The project as it must look. */
    public record Project(
            @RequiredText String name,
            @AbsoluteUrl(allowEmpty = true) String domain,
            List<@NotNull(message = "must be a string, got null") @AbsoluteUrl String> cors,
            Boolean crossDomain,
            List<@NotNull(message = "must be a string, got null") @ProjectTypeName String> types) {
    }

    /** A client the project must have; {@code write} when the type is left out. */
    @JsonClassDescription("{\"name\": ..., \"type\": \"read\" or \"write\"}")
    public record Client(@RequiredText String name, @EventClientType String type) {

        ClientType clientType() {
            return type == null ? ClientType.WRITE : ClientType.parse(type);
        }
    }

    /** The reference that marks the deployment. */
    public record Reference(@RequiredText String title, String description, @RequiredText @IsoDateTime String datetime) {
    }

    /** The validated event; call only for a document without problems. */
    public DeploymentEvent toEvent(String digest) {
        if (rotate != null) {
            return new DeploymentEvent(eventId, null, List.of(), null, digest, rotate.clientId());
        }
        ProjectRequest.Builder request = ProjectRequest.builder().name(project.name()).domain(project.domain())
                .cors(project.cors()).crossDomain(project.crossDomain());
        if (project.types() != null) {
            request.types(project.types().stream().map(ProjectType::parse).distinct().toList());
        }
        List<ClientSpec> specs = clients == null ? List.of()
                : clients.stream().map(client -> new ClientSpec(client.name(), client.clientType())).toList();
        ReferenceSpec spec = reference == null ? null
                : new ReferenceSpec(reference.title(), reference.description(), IsoInstants.parse(reference.datetime()));
        return new DeploymentEvent(eventId, request.build(), specs, spec, digest, null);
    }
}
