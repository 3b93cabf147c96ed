package dev.openpanel.camel.component.error;

import java.io.IOException;

/**
 * The one place that tells routes what a failure means. Use it from Java or from a route, e.g.
 * {@code onException: ... onWhen: {method: {beanType: dev.openpanel.camel.component.error.OpenPanelErrors, method: isPermanent}}}.
 */
public final class OpenPanelErrors {

    private OpenPanelErrors() {
    }

    /**
     * Whether the failure is permanent: the same work can never succeed as it is (validation, unknown id, or a
     * failure that is not about the API at all, such as a bug). False for everything that waiting can fix: rate
     * limits, outages, timeouts, refused credentials and unknown outcomes.
     */
    public static boolean isPermanent(Throwable failure) {
        OpenPanelApiException api = find(failure, OpenPanelApiException.class);
        if (api != null) {
            return api.isPermanent();
        }
        return find(failure, IOException.class) == null;
    }

    /** Whether the failure is transient: the opposite of {@link #isPermanent(Throwable)}. */
    public static boolean isTransient(Throwable failure) {
        return !isPermanent(failure);
    }

    /** Whether the API refused the credentials or the access (401 or 403). */
    public static boolean isCredentialsProblem(Throwable failure) {
        return find(failure, AuthenticationException.class) != null || find(failure, AccessDeniedException.class) != null;
    }

    /** Whether a create may or may not have taken effect and must be resolved by lookup before anything is re-sent. */
    public static boolean isOutcomeUnknown(Throwable failure) {
        return find(failure, OutcomeUnknownException.class) != null;
    }

    /** The first exception of the given type in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
