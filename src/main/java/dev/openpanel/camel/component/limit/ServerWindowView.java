package dev.openpanel.camel.component.limit;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's current window as its answers describe it ({@code x-ratelimit-remaining}, {@code x-ratelimit-reset}),
 * set against this process's own sends: how many requests others spent in it, and, while they do, how many the server
 * still has for us.
 * <p>
 * Others' requests are counted only where our own sends cannot explain the server's count, so the estimate is a lower
 * bound. Two comparisons give it: the server's count at one answer against every send of ours that can lie in the
 * same server window; and the growth of the count between two answers against our sends in between. The second still
 * works when our own sends fill the window, which the first cannot tell apart from someone else's. A send of ours is
 * taken to reach the server within {@code slack} (margin plus any widening) of the order it was granted in.
 * <p>
 * Not thread-safe: the limiter's lock guards it.
 */
final class ServerWindowView {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private final SendLog log;
    private boolean open;
    /** Latest end of the window the answers give (reset seconds are rounded up, so never early). */
    private long endsAt;
    /** The newest answered send of this window and the server's count at it: the base of the next comparison. */
    private Permit reference;
    private int referenceUsed;
    /** Others' requests in this window, at least. */
    private int foreign;
    /** While others spend: requests the server still has for us in this window. */
    private int left;
    private long lastForeignAt;
    private boolean foreignSeen;

    ServerWindowView(SendLog log) {
        this.log = log;
    }

    /**
     * Takes in an answer that reported the server's count.
     *
     * @param window the limiter's window (period, margin, widening)
     * @param slack  how far out of grant order our sends may reach the server
     */
    void observe(Permit permit, int limit, int remaining, int resetSeconds, long now, long window, long slack) {
        int used = limit - remaining;
        long until = now + TimeUnit.SECONDS.toNanos(resetSeconds);
        boolean later = reference == null || permit.sequence() > reference.sequence();
        if (!open || now - endsAt >= 0 || later && used < referenceUsed) {
            open = true;
            endsAt = until;
            reference = null;
            foreign = 0;
            left = Integer.MAX_VALUE;
        } else if (until - endsAt > 0) {
            endsAt = until;
        }
        long upTo = Math.min(now, permit.grantedAt() + slack);
        int unexplained = used - log.countBetween(permit.grantedAt() - window, upTo, null);
        if (reference != null && later) {
            int between = used - referenceUsed - log.countBetween(reference.grantedAt() - slack, upTo, reference);
            unexplained = Math.max(unexplained, foreign + between);
        }
        if (later) {
            reference = permit;
            referenceUsed = used;
        }
        if (unexplained > foreign) {
            if (foreign == 0) {
                LOG.info("Another client is spending this client id's budget: the server counts {} of {} used in its window, "
                        + "at least {} of them not ours; following the server's count until the window resets",
                        used, limit, unexplained);
            }
            foreign = unexplained;
        }
        if (foreign > 0) {
            left = Math.min(left, remaining - log.sentAfter(permit));
            lastForeignAt = now;
            foreignSeen = true;
        }
    }

    /** Another send of ours was granted. */
    void granted(long now) {
        if (following(now)) {
            left--;
        }
    }

    /** How long to wait because others spent what the server had left in this window; 0 when nothing says so. */
    long nanosUntilOpen(long now) {
        return following(now) && left <= 0 ? endsAt - now : 0;
    }

    /** Others' requests in the server's current window, at least; 0 once that window has ended. */
    int foreignEstimate(long now) {
        return open && now - endsAt < 0 ? foreign : 0;
    }

    /** Whether others were seen spending the budget within {@code horizon} before {@code now}. */
    boolean othersSpentWithin(long now, long horizon) {
        return foreignSeen && now - lastForeignAt < horizon;
    }

    private boolean following(long now) {
        return open && foreign > 0 && now - endsAt < 0;
    }
}
