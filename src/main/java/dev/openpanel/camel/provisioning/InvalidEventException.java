package dev.openpanel.camel.provisioning;

import java.util.List;

/**
 * A deployment event that is not valid JSON or breaks the schema: a permanent failure (the intake answers 400, the
 * queue consumer dead-letters the event). The message lists every problem with where it is.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidEventException(List<String> problems) {
        super("invalid deployment event: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, e.g. {@code project.domain: 'shop' is not an absolute URL (e.g. https://shop.example.com)}. */
    public List<String> getProblems() {
        return problems;
    }
}
