package dev.openpanel.camel.component.error;

/** The project, client or reference does not exist in the organisation (404). Permanent. */
public class ResourceNotFoundException extends OpenPanelApiException {

    public ResourceNotFoundException(ApiFailure failure) {
        super(failure, "Not found", null);
    }

    @Override
    public boolean isPermanent() {
        return true;
    }
}
