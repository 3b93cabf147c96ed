package dev.openpanel.camel.cleanup;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleanup rules file and whether it can be used: read and checked at start-up, and read again by every check (a
 * run, {@code POST /jobs/cleanup}, readiness, and the watch route in {@code routes/cleanup.camel.yaml}), parsed again
 * when its text changed. A change of verdict is logged once. Thread-safe.
 */
public final class CleanupRulesFile {

    /** Registry name. */
    public static final String BEAN = "cleanupRulesFile";

    private static final Logger LOG = LoggerFactory.getLogger(CleanupRulesFile.class);

    private final String file;
    private String lastText;
    private Verdict verdict;

    public CleanupRulesFile(String file) {
        this.file = file;
    }

    /** The file's rules, parsed again if its text changed; the message names the rule and field when they cannot be used. */
    public synchronized Verdict check() {
        String text;
        Verdict next;
        try {
            text = CleanupRules.read(file);
        } catch (InvalidRulesException e) {
            text = null;
        }
        if (verdict != null && Objects.equals(text, lastText)) {
            return verdict;
        }
        try {
            next = Verdict.valid(text == null ? CleanupRules.load(file) : CleanupRules.parse(file, text));
        } catch (InvalidRulesException e) {
            next = Verdict.invalid(e.getMessage());
        }
        Verdict previous = verdict;
        lastText = text;
        verdict = next;
        if (previous != null && !Objects.equals(previous.problem(), next.problem())) {
            if (next.isValid()) {
                LOG.info("The cleanup rules file {} changed and is valid: {} rules", file, next.rules().size());
            } else {
                LOG.warn("The cleanup rules file {} changed and cannot be used: {}. Cleanup runs are refused until it is"
                        + " fixed", file, next.problem());
            }
        }
        return next;
    }

    /** The rules file: a path, or {@code classpath:...}. */
    public String file() {
        return file;
    }

    /** The rules, or why the file cannot be used. */
    public record Verdict(List<CleanupRule> rules, String problem) {

        static Verdict valid(List<CleanupRule> rules) {
            return new Verdict(rules, null);
        }

        static Verdict invalid(String problem) {
            return new Verdict(List.of(), problem);
        }

        public boolean isValid() {
            return problem == null;
        }
    }
}
