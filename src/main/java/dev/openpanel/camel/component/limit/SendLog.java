package dev.openpanel.camel.component.limit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * This process's sends of the last windows, oldest first: what the sliding log, the pacing and the estimates of other
 * users' spending count. A request the server did not count (a 429, a connection never made) is taken out again.
 * Times are {@link System#nanoTime()} values, compared by difference. Not thread-safe: the limiter's lock guards it.
 */
final class SendLog {

    private final ArrayDeque<Permit> sends = new ArrayDeque<>();
    private final Map<Permit, Long> answeredAt = new HashMap<>();
    private long nextSequence = 1;

    Permit add(long now, long waited) {
        Permit permit = new Permit(nextSequence++, now, waited);
        sends.addLast(permit);
        return permit;
    }

    boolean remove(Permit permit) {
        answeredAt.remove(permit);
        return sends.remove(permit);
    }

    /** The send got its answer at {@code at}: the server counted it no later than that. */
    void answered(Permit permit, long at) {
        if (sends.contains(permit)) {
            answeredAt.put(permit, at);
        }
    }

    /**
     * The latest time the server may have counted the send: its answer less the least latency seen, when that is after
     * its grant (a send that reached the server late, such as a JVM's first), else its grant.
     */
    long reachedBy(Permit permit, long leastLatency) {
        Long answered = answeredAt.get(permit);
        return answered == null ? permit.grantedAt() : Math.max(permit.grantedAt(), answered - leastLatency);
    }

    /** Sends the server may have counted less than {@code window} before {@code now} (see {@link #reachedBy}). */
    int countReachedWithin(long now, long window, long leastLatency) {
        int count = 0;
        for (Permit permit : sends) {
            if (now - reachedBy(permit, leastLatency) < window) {
                count++;
            }
        }
        return count;
    }

    /** The {@code n}-th latest {@link #reachedBy} time (1 = the latest); there must be at least {@code n} sends. */
    long reachedByOfNewest(int n, long leastLatency) {
        long[] reached = new long[sends.size()];
        int i = 0;
        for (Permit permit : sends) {
            reached[i++] = reachedBy(permit, leastLatency);
        }
        // nanoTime values compare by difference: sort relative to the oldest grant
        long base = sends.peekFirst().grantedAt();
        for (int j = 0; j < reached.length; j++) {
            reached[j] -= base;
        }
        Arrays.sort(reached);
        return reached[reached.length - n] + base;
    }

    /** Drops the sends granted {@code horizon} or longer ago. */
    void forget(long now, long horizon) {
        while (!sends.isEmpty() && now - sends.peekFirst().grantedAt() >= horizon) {
            answeredAt.remove(sends.removeFirst());
        }
    }

    /** Sends granted less than {@code window} before {@code now}. */
    int countWithin(long now, long window) {
        int count = 0;
        for (Iterator<Permit> it = sends.descendingIterator(); it.hasNext();) {
            if (now - it.next().grantedAt() >= window) {
                break;
            }
            count++;
        }
        return count;
    }

    /** Sends granted after {@code from} and no later than {@code to}, leaving {@code except} (may be null) out. */
    int countBetween(long from, long to, Permit except) {
        int count = 0;
        for (Permit p : sends) {
            if (p != except && p.grantedAt() - from > 0 && to - p.grantedAt() >= 0) {
                count++;
            }
        }
        return count;
    }

    /** Sends granted after the given one. */
    int sentAfter(Permit permit) {
        int count = 0;
        for (Iterator<Permit> it = sends.descendingIterator(); it.hasNext();) {
            if (it.next().sequence() <= permit.sequence()) {
                break;
            }
            count++;
        }
        return count;
    }

    /** The newest send, or null. */
    Permit newest() {
        return sends.peekLast();
    }
}
