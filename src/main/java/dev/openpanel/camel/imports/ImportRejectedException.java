package dev.openpanel.camel.imports;

/** The file as a whole cannot be imported (unreadable, bad header): no row is tried; the message says why. */
public class ImportRejectedException extends RuntimeException {

    public ImportRejectedException(String message) {
        super(message);
    }

    public ImportRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
