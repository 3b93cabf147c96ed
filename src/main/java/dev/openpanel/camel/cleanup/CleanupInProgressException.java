package dev.openpanel.camel.cleanup;

/** Another cleanup run is in progress: only one runs at a time. */
public class CleanupInProgressException extends RuntimeException {

    public CleanupInProgressException(String runId) {
        super("cleanup run " + runId + " is in progress; only one runs at a time");
    }
}
