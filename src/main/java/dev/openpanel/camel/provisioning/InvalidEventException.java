package dev.openpanel.camel.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * A deployment event that is not valid JSON or breaks the schema: a permanent failure (the intake answers 400, the
 * queue consumer dead-letters the event). The message lists every problem with where it is, up to
 * {@value #MAX_PROBLEMS} of them (then how many more), so that no event makes a huge log line or answer.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Problems listed in the message and the 400 answer. */
    static final int MAX_PROBLEMS = 20;

    private final transient List<String> problems;

    public InvalidEventException(List<String> problems) {
        super("invalid deployment event: " + String.join("; ", listed(problems)));
        this.problems = listed(problems);
    }

    private static List<String> listed(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return List.copyOf(problems);
        }
        List<String> listed = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        listed.add("and " + (problems.size() - MAX_PROBLEMS) + " more problems");
        return List.copyOf(listed);
    }

    /** Each problem, e.g. {@code project.domain: 'shop' is not an absolute URL (e.g. https://shop.example.com)}. */
    public List<String> getProblems() {
        return problems;
    }
}
