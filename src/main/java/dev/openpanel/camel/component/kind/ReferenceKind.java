package dev.openpanel.camel.component.kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.openpanel.camel.component.OpenPanelResource;
import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.api.NaturalKeys;
import dev.openpanel.camel.component.model.Reference;
import dev.openpanel.camel.component.model.ReferenceRequest;

/** References: found by (project, title, date to the millisecond); title, description and date can change. */
final class ReferenceKind implements ResourceKind<Reference, ReferenceRequest> {

    static final ReferenceKind INSTANCE = new ReferenceKind();

    @Override
    public OpenPanelResource resource() {
        return OpenPanelResource.REFERENCES;
    }

    @Override
    public Class<ReferenceRequest> requestType() {
        return ReferenceRequest.class;
    }

    @Override
    public List<Reference> list(ManageApi api, String projectId) {
        return api.references().list(projectId);
    }

    @Override
    public Reference get(ManageApi api, String id) {
        return api.references().get(id);
    }

    @Override
    public Created<Reference> create(ManageApi api, ReferenceRequest desired) {
        Reference created = api.references().create(desired);
        return new Created<>(created, created);
    }

    @Override
    public Reference update(ManageApi api, String id, ReferenceRequest changes) {
        return api.references().update(id, changes);
    }

    @Override
    public void delete(ManageApi api, String id) {
        api.references().delete(id);
    }

    @Override
    public String id(Reference resource) {
        return resource.id();
    }

    @Override
    public Instant createdAt(Reference resource) {
        return resource.createdAt();
    }

    @Override
    public String projectOf(Reference resource) {
        return resource.projectId();
    }

    @Override
    public String projectOfRequest(ReferenceRequest request) {
        return request.projectId();
    }

    @Override
    public boolean hasKeyOf(Reference resource, ReferenceRequest desired) {
        return NaturalKeys.isReference(resource, desired.projectId(), desired.title(), desired.datetime());
    }

    @Override
    public String describeKey(ReferenceRequest desired) {
        return "reference '" + desired.title() + "' at " + desired.datetime() + " in project '" + desired.projectId() + "'";
    }

    @Override
    public Optional<ReferenceRequest> changes(Reference current, ReferenceRequest desired) {
        String title = desired.title() != null && !desired.title().equals(current.title()) ? desired.title() : null;
        String description = desired.description() != null
                && !desired.description().equals(Objects.toString(current.description(), "")) ? desired.description() : null;
        Instant datetime = desired.datetime() != null && (current.date() == null
                || desired.datetime().toEpochMilli() != current.date().toEpochMilli()) ? desired.datetime() : null;
        return title == null && description == null && datetime == null ? Optional.empty()
                : Optional.of(ReferenceRequest.of(null, title, description, datetime));
    }

    @Override
    public List<String> fieldsOf(ReferenceRequest changes) {
        List<String> fields = new ArrayList<>();
        if (changes.title() != null) {
            fields.add("title");
        }
        if (changes.description() != null) {
            fields.add("description");
        }
        if (changes.datetime() != null) {
            fields.add("datetime");
        }
        return fields;
    }
}
