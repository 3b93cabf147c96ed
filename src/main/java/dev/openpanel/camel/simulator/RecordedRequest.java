package dev.openpanel.camel.simulator;

import java.time.Instant;

/**
 * One request the simulator received, for assertions: what was sent and what happened to it.
 *
 * @param sequence  arrival order
 * @param at        arrival time
 * @param nanoTime  arrival time on the JVM's monotonic clock
 * @param method    HTTP method
 * @param path      path without query
 * @param query     query string, or null
 * @param clientId  the {@code openpanel-client-id} header, or null
 * @param status    the answer's status, or 0 when the connection was dropped
 * @param body      the request body as text, or null (never logged by the simulator)
 */
public record RecordedRequest(long sequence, Instant at, long nanoTime, String method, String path, String query,
        String clientId, int status, String body) {

    /** Whether the connection was closed without an answer. */
    public boolean dropped() {
        return status == 0;
    }
}
