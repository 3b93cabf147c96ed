package dev.openpanel.camel.provisioning.event;

/**
 * One thing wrong with an event, and where.
 *
 * @param path    where, as in the event: {@code clients[1].type}; empty for the event as a whole
 * @param message what is wrong: {@code unknown client type 'admin': expected one of read, write, root}
 */
public record EventProblem(String path, String message) {

    /** {@code clients[1].type: unknown client type ...}, the form {@code InvalidEventException} lists. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
