package dev.openpanel.camel.config;

/** A setting that stops start-up; its message is one sentence that says which setting and what is wrong. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
