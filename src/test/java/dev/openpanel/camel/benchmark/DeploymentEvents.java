package dev.openpanel.camel.benchmark;

import dev.openpanel.camel.testing.RawHttp;

/** The deployment event the benchmarks post: a project, one read client and a reference, all named after its id. */
final class DeploymentEvents {

    private DeploymentEvents() {
    }

    /** Posts the event to the intake and returns when its 202 came back (System.nanoTime). */
    static long post(RawHttp intake, String id) {
        String event = "{\"eventId\":\"" + id + "\",\"project\":{\"name\":\"bench " + id + "\",\"domain\":\"https://" + id
                + ".example\"},\"clients\":[{\"name\":\"" + id + " reader\",\"type\":\"read\"}],"
                + "\"reference\":{\"title\":\"Deploy\",\"datetime\":\"2026-11-22T10:00:00Z\"}}";
        RawHttp.Answer answer = intake.post("/events/deployment", event);
        long at = System.nanoTime();
        if (answer.status() != 202) {
            throw new IllegalStateException("intake answered " + answer.status() + ": " + answer.body());
        }
        return at;
    }
}
