package dev.openpanel.camel.imports;

/**
 * An import stopped before its end (the service is stopping, or a one-shot command gives up while the API is
 * unavailable). Its journal keeps its place: the next run resumes it.
 */
public class ImportInterruptedException extends RuntimeException {

    public ImportInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
