package dev.openpanel.camel.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the service: down while the Manage API refuses the credentials or cannot be reached (see
 * {@link ApiReadiness}), shown at {@code /observe/health/ready}. It spends no API budget itself.
 */
public final class OpenPanelApiHealthCheck extends AbstractHealthCheck {

    private final ApiReadiness readiness;
    private final String apiUrl;

    public OpenPanelApiHealthCheck(ApiReadiness readiness, String apiUrl) {
        super("openpanel", "openpanel-api");
        this.readiness = readiness;
        this.apiUrl = apiUrl;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("api.url", apiUrl);
        builder.detail("api.state", readiness.state().name());
        builder.message(readiness.detail());
        if (readiness.state() == ApiReadiness.State.UP) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
