package dev.openpanel.camel.cluster;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness in cluster mode: down while the cluster's database cannot be used (every call then waits for it, since the
 * shared budget lives there), with the reason; shown at {@code /observe/health/ready}.
 */
public final class ClusterHealthCheck extends AbstractHealthCheck {

    private final ClusterReadiness readiness;
    private final ClusterSettings settings;

    public ClusterHealthCheck(ClusterReadiness readiness, ClusterSettings settings) {
        super("openpanel", "openpanel-cluster-database");
        this.readiness = readiness;
        this.settings = settings;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("cluster.url", settings.safeUrl());
        builder.detail("cluster.instance-id", settings.instanceId());
        builder.message(readiness.detail());
        if (readiness.isReachable()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
