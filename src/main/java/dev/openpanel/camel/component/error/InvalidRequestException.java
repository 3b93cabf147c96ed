package dev.openpanel.camel.component.error;

/**
 * The request is invalid: the API answered 400 (validation, malformed JSON) or another 4xx that no retry can fix,
 * or it was refused before sending because the API would have rejected it. Permanent.
 */
public class InvalidRequestException extends OpenPanelApiException {

    public InvalidRequestException(ApiFailure failure) {
        super(failure, "Invalid request", null);
    }

    @Override
    public boolean isPermanent() {
        return true;
    }
}
