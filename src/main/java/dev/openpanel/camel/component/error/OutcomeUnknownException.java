package dev.openpanel.camel.component.error;

import java.time.Instant;

/**
 * A create was sent but no usable answer came back (timeout or dropped connection after sending, or a 5xx), so the
 * resource may or may not exist now. It was deliberately not sent again: a second create would make a duplicate (a
 * project with a suffixed id, a second client). Resolve it by looking the resource up by its natural key with
 * {@link dev.openpanel.camel.component.api.OutcomeResolver} before doing anything else. Not permanent.
 */
public class OutcomeUnknownException extends OpenPanelApiException {

    private final transient Object request;
    private final Instant sentAt;

    public OutcomeUnknownException(ApiFailure failure, Object request, Instant sentAt, Throwable cause) {
        super(failure, "Outcome unknown, not re-sent", cause);
        this.request = request;
        this.sentAt = sentAt;
    }

    /** The typed request that was sent ({@code ProjectRequest}, {@code ClientRequest} or {@code ReferenceRequest}). */
    public Object getRequest() {
        return request;
    }

    /** When the request was first sent; a resource it created was created at or after this moment. */
    public Instant getSentAt() {
        return sentAt;
    }

    @Override
    public boolean isPermanent() {
        return false;
    }
}
