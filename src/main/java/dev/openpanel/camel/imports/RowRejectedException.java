package dev.openpanel.camel.imports;

/** A row that cannot be imported as it is (bad value, unknown project, ambiguous key): a permanent row failure. */
public class RowRejectedException extends RuntimeException {

    public RowRejectedException(String message) {
        super(message);
    }
}
