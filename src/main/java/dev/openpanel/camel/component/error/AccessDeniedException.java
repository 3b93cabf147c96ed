package dev.openpanel.camel.component.error;

/** The credentials were accepted but may not do this (403). Not permanent: permissions can be granted. */
public class AccessDeniedException extends OpenPanelApiException {

    public AccessDeniedException(ApiFailure failure) {
        super(failure, "OpenPanel denied access", null);
    }

    @Override
    public boolean isPermanent() {
        return false;
    }
}
