package dev.openpanel.camel.simulator;

/**
 * A one-off misbehaviour for the next matching request (see {@link SimulatorBehavior#failNext(Fault)}). Faults act
 * after the rate limit counted the request, as they would on a real server.
 *
 * @param kind       what happens
 * @param status     the status to answer with ({@link Kind#ANSWER})
 * @param body       the body to answer with ({@link Kind#ANSWER})
 * @param method     only requests with this method match, or null for any
 * @param pathPrefix only paths starting with this match, or null for any
 */
public record Fault(Kind kind, int status, String body, String method, String pathPrefix) {

    /** What a fault does. */
    public enum Kind {
        /** Answers with a chosen status and body instead of handling the request. */
        ANSWER,
        /** Closes the connection without handling the request. */
        DROP_BEFORE_HANDLING,
        /** Handles the request, then closes the connection without answering: the work is done, the answer lost. */
        DROP_AFTER_HANDLING
    }

    public static Fault answer(int status, String body) {
        return new Fault(Kind.ANSWER, status, body, null, null);
    }

    public static Fault dropBeforeHandling() {
        return new Fault(Kind.DROP_BEFORE_HANDLING, 0, null, null, null);
    }

    public static Fault dropAfterHandling() {
        return new Fault(Kind.DROP_AFTER_HANDLING, 0, null, null, null);
    }

    /** The same fault, only for requests with this method and a path starting with this prefix. */
    public Fault on(String requestMethod, String requestPathPrefix) {
        return new Fault(kind, status, body, requestMethod, requestPathPrefix);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (pathPrefix == null || path.startsWith(pathPrefix));
    }
}
