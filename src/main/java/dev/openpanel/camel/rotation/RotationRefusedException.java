package dev.openpanel.camel.rotation;

/** A rotation that must not be done as asked; the message is one sentence that says what to do instead. */
public class RotationRefusedException extends RuntimeException {

    public RotationRefusedException(String message) {
        super(message);
    }
}
