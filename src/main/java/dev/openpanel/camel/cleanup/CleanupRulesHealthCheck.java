package dev.openpanel.camel.cleanup;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness part: down, with the rule and field, while the cleanup rules file cannot be used (it was changed since
 * start-up); scheduled and requested runs are refused meanwhile. Shown at {@code /observe/health/ready}.
 */
final class CleanupRulesHealthCheck extends AbstractHealthCheck {

    private final CleanupRulesFile rules;

    CleanupRulesHealthCheck(CleanupRulesFile rules) {
        super("openpanel", "cleanup-rules");
        this.rules = rules;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CleanupRulesFile.Verdict verdict = rules.check();
        builder.detail("cleanup.rules", rules.file().toString());
        if (verdict.isValid()) {
            builder.message(verdict.rules().size() + " cleanup rules");
            builder.up();
        } else {
            builder.message("the cleanup rules file " + rules.file() + " cannot be used: " + verdict.problem());
            builder.down();
        }
    }
}
