package dev.openpanel.camel.component.limit;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request budget of one root client, shared by every route and endpoint in the JVM (see
 * {@link RateLimiterRegistry}).
 * <p>
 * The server counts requests in a fixed window that starts at the first request it sees, so its windows can start
 * anywhere relative to ours. The only schedule that never overflows such a window at full throughput is a sliding
 * log: at most {@code requests} sends in any interval of {@code period + margin}. Token buckets and fixed windows
 * (Camel's Throttle EIP, resilience4j) let up to twice the budget through around a window edge.
 * <p>
 * Several permits may be out at once, so a slow API still gets the whole budget. Answers feed back in:
 * <ul>
 * <li>a 429 blocks everyone until its {@code retry-after} has passed, and frees its slot (the server did not count it);
 * a 429 nobody else caused means arrivals jitter more than the margin, so the spacing widens (doubling, up to a
 * tenth of the period) and narrows back after ten windows without one;</li>
 * <li>{@code x-ratelimit-remaining} lower than our own sends explain means someone else spends the same client id
 * (another instance, another tool, the Export or Insights API): from then on the limiter also stops when the server
 * says the window is spent, until {@code x-ratelimit-reset} has passed.</li>
 * </ul>
 */
public final class ClientRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private static final int CALM_WINDOWS = 10;

    private final RateLimitSettings settings;
    private final long windowNanos;
    private final long maxExtraNanos;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** Granted permits of the last two windows, oldest first. */
    private final ArrayDeque<Permit> history = new ArrayDeque<>();
    private long nextSequence = 1;
    private long blockedUntil;
    private ServerWindow serverWindow;
    /** Spacing added after 429s we caused ourselves, and when the last one happened. */
    private long extraNanos;
    private long lastSelfInflicted;

    public ClientRateLimiter(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    ClientRateLimiter(RateLimitSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.windowNanos = settings.window().toNanos();
        this.maxExtraNanos = settings.period().toNanos() / 10;
        this.clock = clock;
        this.blockedUntil = clock.getAsLong();
    }

    public RateLimitSettings settings() {
        return settings;
    }

    /**
     * Waits until a request may be sent and grants it.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Permit acquire() throws InterruptedException {
        long start = clock.getAsLong();
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = clock.getAsLong();
                long wait = nanosUntilAllowed(now);
                if (wait <= 0) {
                    return grant(now, now - start);
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Hands back a permit whose request got an answer, with what the answer said about the server's budget. */
    public void onAnswer(Permit permit, ServerBudget budget) {
        long now = clock.getAsLong();
        lock.lock();
        try {
            if (budget.rateLimited()) {
                int seconds = budget.retryAfterSeconds().orElse(budget.resetSeconds()
                        .orElse((int) Math.ceil(settings.period().toMillis() / 1000.0)));
                blockUntil(now + TimeUnit.SECONDS.toNanos(seconds));
                history.remove(permit);
                if (serverWindow == null || now - serverWindow.endsAt >= 0) {
                    widenAfterSelfInflicted429(now);
                }
            } else if (budget.remaining().isPresent()) {
                noticeForeignSpending(permit, budget, now);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hands back a permit whose request never reached the server (refused connection): its slot is free again. */
    public void onNotSent(Permit permit) {
        lock.lock();
        try {
            history.remove(permit);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long a request arriving now would wait; 0 when it could be sent at once. For metrics and tests. */
    public long nanosUntilAllowed() {
        lock.lock();
        try {
            return Math.max(0, nanosUntilAllowed(clock.getAsLong()));
        } finally {
            lock.unlock();
        }
    }

    /** Requests granted in the current window; for metrics. */
    public int grantedInWindow() {
        lock.lock();
        try {
            return inWindow(clock.getAsLong(), windowNanos + extraNanos);
        } finally {
            lock.unlock();
        }
    }

    long nanosUntilAllowed(long now) {
        if (extraNanos > 0 && now - lastSelfInflicted > CALM_WINDOWS * (windowNanos + extraNanos)) {
            LOG.info("No 429 for {} windows: back to the configured rate-limit margin", CALM_WINDOWS);
            extraNanos = 0;
        }
        if (blockedUntil - now > 0) {
            return blockedUntil - now;
        }
        if (serverWindow != null && now - serverWindow.endsAt >= 0) {
            serverWindow = null;
        }
        if (serverWindow != null && serverWindow.remaining <= 0) {
            return serverWindow.endsAt - now;
        }
        forget(now);
        long window = windowNanos + extraNanos;
        int sent = inWindow(now, window);
        if (sent < settings.budget()) {
            return 0;
        }
        // The oldest send that must leave the window before one more fits.
        Iterator<Permit> newestFirst = history.descendingIterator();
        Permit blocking = null;
        for (int i = 0; i < settings.budget(); i++) {
            blocking = newestFirst.next();
        }
        return blocking.grantedAt() + window - now;
    }

    /** The spacing currently added to the configured margin; for metrics and tests. */
    long extraMarginNanos() {
        return extraNanos;
    }

    private void widenAfterSelfInflicted429(long now) {
        long widened = Math.min(maxExtraNanos, Math.max(2 * extraNanos, Math.max(settings.margin().toNanos(),
                TimeUnit.MILLISECONDS.toNanos(100))));
        if (widened > extraNanos) {
            LOG.warn("429 although this client had budget left: requests reach the server with more jitter than the {} ms "
                    + "margin; spacing them {} ms further apart", settings.margin().toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(widened));
        }
        extraNanos = widened;
        lastSelfInflicted = now;
    }

    Permit grant(long now, long waited) {
        Permit permit = new Permit(nextSequence++, now, waited);
        history.addLast(permit);
        if (serverWindow != null) {
            serverWindow.remaining--;
        }
        return permit;
    }

    private void blockUntil(long until) {
        if (until - blockedUntil > 0) {
            blockedUntil = until;
        }
    }

    private void noticeForeignSpending(Permit permit, ServerBudget budget, long now) {
        int limit = budget.limit().orElse(settings.requests());
        int usedOnServer = limit - budget.remaining().getAsInt();
        long ours = history.stream()
                .filter(p -> p.grantedAt() - (permit.grantedAt() - windowNanos) > 0 && now - p.grantedAt() >= 0)
                .count();
        if (usedOnServer <= ours) {
            return;
        }
        long sentSince = history.stream().filter(p -> p.sequence() > permit.sequence()).count();
        int left = (int) (budget.remaining().getAsInt() - sentSince);
        long endsAt = now + TimeUnit.SECONDS.toNanos(budget.resetSeconds().orElse(
                (int) Math.ceil(settings.period().toMillis() / 1000.0)));
        if (serverWindow == null || left < serverWindow.remaining) {
            if (serverWindow == null) {
                LOG.info("Another client is spending this client id's budget: the server counts {} of {} used in its "
                        + "window, {} of them ours; following the server's count until the window resets",
                        usedOnServer, limit, ours);
            }
            long until = serverWindow == null || endsAt - serverWindow.endsAt > 0 ? endsAt : serverWindow.endsAt;
            serverWindow = new ServerWindow(until, left);
        }
    }

    private int inWindow(long now, long window) {
        int count = 0;
        for (Iterator<Permit> it = history.descendingIterator(); it.hasNext();) {
            if (now - it.next().grantedAt() >= window) {
                break;
            }
            count++;
        }
        return count;
    }

    private void forget(long now) {
        while (!history.isEmpty() && now - history.peekFirst().grantedAt() >= 2 * (windowNanos + maxExtraNanos)) {
            history.removeFirst();
        }
    }

    /** The server's own view of its current window, followed while someone else spends the budget. */
    private static final class ServerWindow {
        final long endsAt;
        int remaining;

        ServerWindow(long endsAt, int remaining) {
            this.endsAt = endsAt;
            this.remaining = remaining;
        }
    }
}
