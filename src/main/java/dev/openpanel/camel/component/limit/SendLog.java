package dev.openpanel.camel.component.limit;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * This process's sends of the last windows, oldest first: what the sliding log, the pacing and the estimates of other
 * users' spending count. A request the server did not count (a 429, a connection never made) is taken out again.
 * Times are {@link System#nanoTime()} values, compared by difference. Not thread-safe: the limiter's lock guards it.
 */
final class SendLog {

    private final ArrayDeque<Permit> sends = new ArrayDeque<>();
    private long nextSequence = 1;

    Permit add(long now, long waited) {
        Permit permit = new Permit(nextSequence++, now, waited);
        sends.addLast(permit);
        return permit;
    }

    boolean remove(Permit permit) {
        return sends.remove(permit);
    }

    /** Drops the sends granted {@code horizon} or longer ago. */
    void forget(long now, long horizon) {
        while (!sends.isEmpty() && now - sends.peekFirst().grantedAt() >= horizon) {
            sends.removeFirst();
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

    /** The grant time of the {@code n}-th newest send (1 = the newest); there must be at least {@code n}. */
    long grantedAtOfNewest(int n) {
        Iterator<Permit> newestFirst = sends.descendingIterator();
        Permit permit = null;
        for (int i = 0; i < n; i++) {
            permit = newestFirst.next();
        }
        return permit.grantedAt();
    }

    /** The newest send, or null. */
    Permit newest() {
        return sends.peekLast();
    }
}
