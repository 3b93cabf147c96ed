package dev.openpanel.camel.component.error;

/**
 * The API refused the credentials (401): a wrong or revoked secret, an unknown client id, or a client that is not a
 * root client. Not permanent for the work at hand: it succeeds once an operator fixes the credentials.
 */
public class AuthenticationException extends OpenPanelApiException {

    public AuthenticationException(ApiFailure failure) {
        super(failure, "OpenPanel refused the credentials", null);
    }

    @Override
    public boolean isPermanent() {
        return false;
    }
}
