package dev.openpanel.camel.cluster;

/**
 * Whether the cluster's database can be used, from the outcome of the transactions this instance runs anyway (every
 * permit is one): while it cannot, calls wait for it and readiness says why ({@link ClusterHealthCheck}).
 */
public final class ClusterReadiness {

    private volatile boolean reachable;
    private volatile String detail = "no transaction on the cluster database has finished yet";

    /** Whether the last transaction on the cluster database went through. */
    public boolean isReachable() {
        return reachable;
    }

    /** Why the state is what it is, without secrets. */
    public String detail() {
        return detail;
    }

    void reachable() {
        if (!reachable) {
            detail = "the cluster database answers";
            reachable = true;
        }
    }

    void unreachable(String why) {
        detail = why;
        reachable = false;
    }
}
