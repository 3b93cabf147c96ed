package dev.openpanel.camel.component.limit;

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
 * log: at most {@code budget} ({@code requests - reserve}) sends in any interval of {@code period + margin}, each send
 * counted from when the server may have counted it (its answer less the least latency of the recent answers and half
 * the margin, when that is later than its permit: a JVM's first request, or one held up on its way, starts the
 * server's window late). Token
 * buckets and fixed windows (Camel's Throttle EIP, resilience4j) let up to twice the budget through around a window
 * edge.
 * <p>
 * Several permits may be out at once, so a slow API still gets the whole budget. Within the log:
 * <ul>
 * <li><b>priority</b>: waiting {@link CallPriority#URGENT} callers go first, oldest first, but bulk callers get at
 * least one permit in every {@value PermitQueue#BULK_SHARE} while they wait ({@link PermitQueue});</li>
 * <li><b>pacing</b>: {@link CallPriority#BULK} permits follow a schedule one {@code (period + margin) / budget}
 * apart: each bulk permit moves the schedule on by that spacing, from its time or from where the schedule was, if later.
 * While fewer than half the budget went out in the last window a bulk permit need not wait for the schedule, so a
 * small job on a free budget goes at once; past that, bulk work waits for the schedule, which repays the burst (it
 * resumes where the burst would have ended had it been paced). Sustained bulk work thus sends evenly across the
 * window at the full rate, its slots come free one spacing apart, and an urgent call (never paced) arriving during it
 * waits for the next slot, not for the gap a burst leaves one window later.</li>
 * </ul>
 * Answers feed back in:
 * <ul>
 * <li>{@code x-ratelimit-remaining} lower than our own sends explain means someone else spends the same client id
 * (another instance, another tool, the Export or Insights API): from then on the limiter also stops when the server
 * says its window is spent, until {@code x-ratelimit-reset} has passed ({@link ServerWindowView});</li>
 * <li>a 429 blocks everyone until its {@code retry-after} has passed, and frees its slot (the server did not let it
 * through). It is put down to others when they were seen spending in the last two windows, or when our own sends
 * could not have filled the server's window; otherwise it means arrivals jitter more than the margin, and the spacing
 * widens (doubling, up to a tenth of the period) and narrows back after ten windows without such a 429.</li>
 * </ul>
 */
public final class ClientRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private static final int CALM_WINDOWS = 10;
    private static final int LATENCY_SAMPLES = 32;
    /** How many windows a sighting of others' spending makes later 429s theirs. */
    private static final int FOREIGN_MEMORY_WINDOWS = 2;

    private final RateLimitSettings settings;
    private final long windowNanos;
    private final long maxExtraNanos;
    /** Sends in the last window from which bulk permits are paced: half the budget. */
    private final int burst;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final SendLog log = new SendLog();
    private final ServerWindowView server = new ServerWindowView(log);
    private final PermitQueue queue = new PermitQueue();
    private long blockedUntil;
    /** When the next bulk permit is due on the paced schedule. */
    private long bulkDue;
    /** Spacing added after 429s we caused ourselves, and when the last one happened. */
    private long extraNanos;
    private long lastSelfInflicted;
    /** The latencies (grant to answer) of the last answers, to tell when a send reached the server late. */
    private final long[] latencies = new long[LATENCY_SAMPLES];
    private int latencySamples;
    private int nextLatency;
    private long rateLimitedByOthers;
    private long rateLimitedByJitter;

    public ClientRateLimiter(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    ClientRateLimiter(RateLimitSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.windowNanos = settings.window().toNanos();
        this.maxExtraNanos = settings.period().toNanos() / 10;
        this.burst = (settings.budget() + 1) / 2;
        this.clock = clock;
        this.blockedUntil = clock.getAsLong();
        this.bulkDue = blockedUntil;
    }

    @Override
    public RateLimitSettings settings() {
        return settings;
    }

    @Override
    public Permit acquire(CallPriority priority) throws InterruptedException {
        long start = clock.getAsLong();
        lock.lockInterruptibly();
        try {
            PermitQueue.Waiter waiter = queue.join(priority);
            boolean served = false;
            try {
                while (true) {
                    if (queue.next() != waiter) {
                        changed.await();
                        continue;
                    }
                    long now = clock.getAsLong();
                    long wait = nanosUntilAllowed(now, priority);
                    if (wait <= 0) {
                        queue.served(waiter);
                        served = true;
                        return grant(now, now - start, priority);
                    }
                    changed.awaitNanos(wait);
                }
            } finally {
                if (!served) {
                    queue.leave(waiter);
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onAnswer(Permit permit, ServerBudget budget) {
        long now = clock.getAsLong();
        lock.lock();
        try {
            long window = windowNanos + extraNanos;
            long slack = window - settings.period().toNanos();
            int limit = budget.limit().orElse(settings.requests());
            if (budget.rateLimited()) {
                int seconds = budget.retryAfterSeconds().orElse(budget.resetSeconds().orElse(periodSeconds()));
                blockUntil(now + TimeUnit.SECONDS.toNanos(seconds));
                boolean oursCouldFillIt = log.countBetween(permit.grantedAt() - window - slack, permit.grantedAt() + slack,
                        null) >= limit;
                log.remove(permit);
                if (oursCouldFillIt && !server.othersSpentWithin(now, FOREIGN_MEMORY_WINDOWS * window)) {
                    rateLimitedByJitter++;
                    widenAfterSelfInflicted429(now);
                } else {
                    rateLimitedByOthers++;
                    LOG.debug("429 from the budget others spend on this client id; waiting {} s, spacing unchanged", seconds);
                }
            } else {
                log.answered(permit, now);
                latencies[nextLatency] = now - permit.grantedAt();
                nextLatency = (nextLatency + 1) % LATENCY_SAMPLES;
                latencySamples = Math.min(LATENCY_SAMPLES, latencySamples + 1);
                if (budget.remaining().isPresent()) {
                    server.observe(permit, limit, budget.remaining().getAsInt(), budget.resetSeconds().orElse(periodSeconds()),
                            now, window, slack);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onNotSent(Permit permit) {
        lock.lock();
        try {
            log.remove(permit);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long an urgent request arriving now would wait; 0 when it could be sent at once. For metrics and tests. */
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
            return log.countWithin(clock.getAsLong(), windowNanos + extraNanos);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LimiterStatus status() {
        lock.lock();
        try {
            long now = clock.getAsLong();
            return new LimiterStatus(log.countWithin(now, windowNanos + extraNanos), server.foreignEstimate(now),
                    settings.reserve(), settings.budget(), rateLimitedByOthers, rateLimitedByJitter,
                    queue.waiting(CallPriority.URGENT), queue.waiting(CallPriority.BULK));
        } finally {
            lock.unlock();
        }
    }

    long nanosUntilAllowed(long now) {
        return nanosUntilAllowed(now, CallPriority.URGENT);
    }

    long nanosUntilAllowed(long now, CallPriority priority) {
        if (extraNanos > 0 && now - lastSelfInflicted > CALM_WINDOWS * (windowNanos + extraNanos)) {
            LOG.info("No 429 for {} windows: back to the configured rate-limit margin", CALM_WINDOWS);
            extraNanos = 0;
        }
        if (blockedUntil - now > 0) {
            return blockedUntil - now;
        }
        long othersSpentIt = server.nanosUntilOpen(now);
        if (othersSpentIt > 0) {
            return othersSpentIt;
        }
        log.forget(now, 2 * (windowNanos + maxExtraNanos));
        long window = windowNanos + extraNanos;
        int budget = settings.budget();
        // A send counts from when the server may have counted it: a JVM's first request, or one held up on its way,
        // reaches the server later than its permit, and the server's window starts then. Lateness within half the
        // margin is jitter the margin absorbs anyway; the other half covers the way out of the fastest answer.
        long credited = leastLatency() + settings.margin().toNanos() / 2;
        int sent = log.countReachedWithin(now, window, credited);
        // The oldest send that must leave the window before one more fits.
        long wait = sent < budget ? 0 : log.reachedByOfNewest(budget, credited) + window - now;
        if (priority == CallPriority.BULK && sent >= burst) {
            wait = Math.max(wait, bulkDue - now);
        }
        return wait;
    }

    /** The least grant-to-answer time of the recent answers (0 before the first). */
    private long leastLatency() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < latencySamples; i++) {
            least = Math.min(least, latencies[i]);
        }
        return latencySamples == 0 ? 0 : least;
    }

    /** The spacing currently added to the configured margin; for metrics and tests. */
    long extraMarginNanos() {
        return extraNanos;
    }

    /** Makes waiting callers look at the clock again: for tests that move an injected clock. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Permit grant(long now, long waited) {
        return grant(now, waited, CallPriority.URGENT);
    }

    Permit grant(long now, long waited, CallPriority priority) {
        Permit permit = log.add(now, waited);
        server.granted(now);
        if (priority == CallPriority.BULK) {
            bulkDue = Math.max(bulkDue, now) + (windowNanos + extraNanos) / settings.budget();
        }
        return permit;
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

    private void blockUntil(long until) {
        if (until - blockedUntil > 0) {
            blockedUntil = until;
        }
    }

    private int periodSeconds() {
        return (int) Math.ceil(settings.period().toMillis() / 1000.0);
    }
}
