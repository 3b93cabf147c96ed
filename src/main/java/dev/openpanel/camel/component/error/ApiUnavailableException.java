package dev.openpanel.camel.component.error;

/**
 * The API could not be reached or failed on its side (5xx, timeout, refused or dropped connection), and the
 * configured retries did not help. Transient.
 */
public class ApiUnavailableException extends OpenPanelApiException {

    public ApiUnavailableException(ApiFailure failure, Throwable cause) {
        super(failure, "OpenPanel API unavailable", cause);
    }

    @Override
    public boolean isPermanent() {
        return false;
    }
}
