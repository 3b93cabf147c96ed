package dev.openpanel.camel.component.limit;

/**
 * What one client's budget is used for at a moment, for metrics ({@link ClientRateLimiter#status()}).
 *
 * @param ownRequests              our sends in the last {@code period + margin}
 * @param foreignRequestsEstimated others' requests the server counted in its current window, at least (0 when none
 *                                 were seen or the window has ended)
 * @param reserve                  requests of every window left to others
 * @param budget                   requests of every window for us: {@code requests - reserve}
 * @param rateLimitedByOthers      429s put down to others' spending, since start
 * @param rateLimitedByJitter      429s put down to our own sends arriving closer than the margin, since start
 * @param urgentWaiting            urgent callers waiting for a permit
 * @param bulkWaiting              bulk callers waiting for a permit
 */
public record LimiterStatus(int ownRequests, int foreignRequestsEstimated, int reserve, int budget, long rateLimitedByOthers,
        long rateLimitedByJitter, int urgentWaiting, int bulkWaiting) {
}
