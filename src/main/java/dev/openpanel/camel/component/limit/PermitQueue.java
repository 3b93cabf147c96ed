package dev.openpanel.camel.component.limit;

import java.util.ArrayDeque;

/**
 * The callers waiting for a permit, and whose turn it is: the oldest urgent caller, except that after
 * {@code BULK_SHARE - 1} urgent permits in a row granted while bulk callers waited, the oldest bulk caller goes.
 * Every limiter orders its own callers with it (the cluster's too, in front of the shared log). Not thread-safe: the
 * limiter's lock guards it.
 */
public final class PermitQueue {

    /** Bulk work gets at least one permit in this many while it waits. */
    public static final int BULK_SHARE = 4;

    private final ArrayDeque<Waiter> urgent = new ArrayDeque<>();
    private final ArrayDeque<Waiter> bulk = new ArrayDeque<>();
    private int urgentInARow;

    public Waiter join(CallPriority priority) {
        Waiter waiter = new Waiter(priority);
        queue(priority).addLast(waiter);
        return waiter;
    }

    /** Whose turn it is; null when nobody waits. */
    public Waiter next() {
        if (urgent.isEmpty()) {
            return bulk.peekFirst();
        }
        if (bulk.isEmpty() || urgentInARow < BULK_SHARE - 1) {
            return urgent.peekFirst();
        }
        return bulk.peekFirst();
    }

    /** The waiter got its permit. */
    public void served(Waiter waiter) {
        queue(waiter.priority).remove(waiter);
        if (waiter.priority == CallPriority.BULK || bulk.isEmpty()) {
            urgentInARow = 0;
        } else {
            urgentInARow++;
        }
    }

    /** The waiter gave up (interrupted) without a permit. */
    public void leave(Waiter waiter) {
        queue(waiter.priority).remove(waiter);
    }

    public int waiting(CallPriority priority) {
        return queue(priority).size();
    }

    private ArrayDeque<Waiter> queue(CallPriority priority) {
        return priority == CallPriority.BULK ? bulk : urgent;
    }

    /** One waiting caller; compared by identity. */
    public static final class Waiter {
        final CallPriority priority;

        private Waiter(CallPriority priority) {
            this.priority = priority;
        }
    }
}
