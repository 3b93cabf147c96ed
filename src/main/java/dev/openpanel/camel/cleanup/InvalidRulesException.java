package dev.openpanel.camel.cleanup;

/** The rules file cannot be used: the message names the rule and the field. Nothing is deleted. */
public class InvalidRulesException extends RuntimeException {

    public InvalidRulesException(String message) {
        super(message);
    }

    public InvalidRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
