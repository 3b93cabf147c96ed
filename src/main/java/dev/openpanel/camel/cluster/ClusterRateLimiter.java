package dev.openpanel.camel.cluster;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.limit.CallPriority;
import dev.openpanel.camel.component.limit.ClientRateLimiter;
import dev.openpanel.camel.component.limit.LimiterStatus;
import dev.openpanel.camel.component.limit.Permit;
import dev.openpanel.camel.component.limit.PermitQueue;
import dev.openpanel.camel.component.limit.RateLimitSettings;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.limit.ServerBudget;

/**
 * The budget of one root client shared by every instance on the cluster's database: the sliding log of
 * {@link ClientRateLimiter} (at most {@code budget} sends in any {@code period + margin}, each counted from when the
 * server may have counted it), kept in PostgreSQL and timed by the database's clock, so that the instances together
 * keep the guarantee one JVM keeps alone, whatever their clocks say. A permit is one short transaction
 * ({@link SharedBudgetStore}).
 * <p>
 * <b>Local queue in front of the shared log.</b> The callers of this instance wait in a {@link PermitQueue}, the same
 * one the single-JVM limiter uses, and only the caller whose turn it is asks the database; when the database says
 * "wait", it waits that long and asks again. So urgent calls of this instance still go before its bulk calls, an
 * instance with many waiting callers runs one transaction at a time (not one per caller), and the row lock that
 * orders permits across instances is held by at most one transaction per instance. Across instances, bulk permits
 * follow one shared paced schedule, which leaves every instance's urgent calls a free slot within one spacing.
 * <p>
 * <b>Server feedback is shared.</b> A 429 blocks every instance until its {@code retry-after} (and, when the cluster's
 * own sends could have filled the server's window, widens the spacing for all); an {@code x-ratelimit-remaining}
 * lower than the cluster's sends explain makes every instance follow the server's count until its window resets; an
 * answer that came late moves its send's count later for everyone. Answers that match the log cost no transaction.
 * <p>
 * <b>Not yet shared</b> (conservative meanwhile): of the single-JVM limiter's two ways of seeing others' spending, the
 * count at one answer against the sends that can lie in the server's window is made, the growth of the count between
 * two answers is not; and a server window that ended early (its count dropped) is followed until the reset it
 * announced, rounded up to whole seconds.
 * <p>
 * <b>Database down.</b> Calls wait and retry (backing off up to {@value #MAX_RETRY_MS} ms) for as long as it takes:
 * there is no fallback to a budget of this instance alone, which would let every instance spend the whole budget.
 * {@link ClusterReadiness} says why meanwhile.
 */
public final class ClusterRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRateLimiter.class);

    private static final int CALM_WINDOWS = 10;
    private static final int LATENCY_SAMPLES = 32;
    private static final int FOREIGN_MEMORY_WINDOWS = 2;
    private static final int PRUNE_EVERY = 64;
    private static final long FIRST_RETRY_MS = 100;
    static final long MAX_RETRY_MS = 2_000;
    /** Lateness below this is not worth a write. */
    private static final long LATENESS_STEP_MICROS = 1_000;

    private final RateLimitSettings settings;
    private final ClusterDatabase database;
    private final SharedBudgetStore store;
    private final LongSupplier clock;
    private final long windowMicros;
    private final long maxExtraMicros;
    private final int burst;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PermitQueue queue = new PermitQueue();
    /** This instance's recent sends, by id: their grant and answer times, to tell when one reached the server late. */
    private final Map<Long, LocalSend> sends = new LinkedHashMap<>();
    private final long[] latencies = new long[LATENCY_SAMPLES];
    private int latencySamples;
    private int nextLatency;
    private boolean inFlight;
    private long blockedUntil;
    private long retryMillis = FIRST_RETRY_MS;
    private boolean failing;
    private long grants;
    private int lastSentInWindow;
    private int lastForeign;
    private long rateLimitedByOthers;
    private long rateLimitedByJitter;

    /**
     * @param clientKey  the root client, as the shared tables name it (API URL and client id)
     * @param instanceId this instance's name in the shared tables
     */
    public ClusterRateLimiter(RateLimitSettings settings, ClusterDatabase database, String clientKey, String instanceId) {
        this(settings, database, clientKey, instanceId, System::nanoTime);
    }

    ClusterRateLimiter(RateLimitSettings settings, ClusterDatabase database, String clientKey, String instanceId,
            LongSupplier clock) {
        this.settings = settings;
        this.database = database;
        this.store = new SharedBudgetStore(clientKey, instanceId);
        this.clock = clock;
        this.windowMicros = TimeUnit.NANOSECONDS.toMicros(settings.window().toNanos());
        this.maxExtraMicros = TimeUnit.NANOSECONDS.toMicros(settings.period().toNanos()) / 10;
        this.burst = (settings.budget() + 1) / 2;
        this.blockedUntil = clock.getAsLong();
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
            changed.signalAll();
            boolean served = false;
            long nextTry = start;
            try {
                while (true) {
                    long now = clock.getAsLong();
                    if (queue.next() != waiter || inFlight) {
                        changed.await();
                        continue;
                    }
                    long until = blockedUntil - nextTry > 0 ? blockedUntil : nextTry;
                    if (until - now > 0) {
                        changed.awaitNanos(until - now);
                        continue;
                    }
                    SharedBudgetStore.Decision decision = askDatabase(priority);
                    now = clock.getAsLong();
                    if (decision == null) {
                        nextTry = now + TimeUnit.MILLISECONDS.toNanos(retryMillis);
                        retryMillis = Math.min(MAX_RETRY_MS, 2 * retryMillis);
                    } else if (decision.granted()) {
                        queue.served(waiter);
                        served = true;
                        return granted(decision, now, now - start);
                    } else {
                        nextTry = now + TimeUnit.MICROSECONDS.toNanos(decision.waitMicros());
                    }
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

    /** One permit transaction, run without holding the local lock; null when the database could not be used. */
    private SharedBudgetStore.Decision askDatabase(CallPriority priority) {
        inFlight = true;
        boolean prune = grants % PRUNE_EVERY == 0;
        lock.unlock();
        try {
            SharedBudgetStore.Decision decision = database.inTransaction(connection -> store.tryGrant(connection, priority,
                    windowMicros, window -> waitMicros(window, priority), settings.budget(), this::calmForLong,
                    prune ? 2 * (windowMicros + maxExtraMicros) : 0));
            if (failing) {
                LOG.info("The cluster database answers again: permits resume");
            }
            failing = false;
            return decision;
        } catch (SQLException e) {
            if (!failing) {
                LOG.warn("Calls wait for the cluster database, which holds the shared rate-limit budget: {}",
                        ClusterDatabase.describe(e));
            }
            failing = true;
            return null;
        } finally {
            lock.lock();
            inFlight = false;
            // a caller that came first meanwhile (an urgent one before this bulk one) waits for this to end
            changed.signalAll();
        }
    }

    /** The limiter's rule on the shared window: what {@link ClientRateLimiter} decides on its own log. */
    private long waitMicros(SharedBudgetStore.Window window, CallPriority priority) {
        if (window.blockedMicros() > 0) {
            return window.blockedMicros();
        }
        if (window.serverOpenMicros() > 0 && window.serverLeft() != null && window.serverLeft() <= 0) {
            return window.serverOpenMicros();
        }
        long[] ages = window.agesMicros();
        int budget = settings.budget();
        long wait = 0;
        if (ages.length >= budget) {
            wait = windowMicros + window.extraMicros() - ages[budget - 1];
        }
        if (priority == CallPriority.BULK && ages.length >= burst && window.bulkDueMicros() != Long.MIN_VALUE) {
            wait = Math.max(wait, window.bulkDueMicros());
        }
        return Math.max(0, wait);
    }

    private boolean calmForLong(SharedBudgetStore.Window window) {
        return window.extraMicros() > 0 && window.widenedAgeMicros() != Long.MIN_VALUE
                && window.widenedAgeMicros() > CALM_WINDOWS * (windowMicros + window.extraMicros());
    }

    private Permit granted(SharedBudgetStore.Decision decision, long now, long waited) {
        retryMillis = FIRST_RETRY_MS;
        grants++;
        lastSentInWindow = decision.sentInWindow();
        lastForeign = decision.foreignRequests();
        long horizon = TimeUnit.MICROSECONDS.toNanos(2 * (windowMicros + maxExtraMicros));
        for (Iterator<LocalSend> it = sends.values().iterator(); it.hasNext();) {
            if (now - it.next().grantedAt >= horizon) {
                it.remove();
            } else {
                break;
            }
        }
        sends.put(decision.sendId(), new LocalSend(now, decision.sentInWindow()));
        return new Permit(decision.sendId(), now, waited);
    }

    @Override
    public void onAnswer(Permit permit, ServerBudget budget) {
        long now = clock.getAsLong();
        int limit = budget.limit().orElse(settings.requests());
        if (budget.rateLimited()) {
            onRateLimited(permit, budget, now, limit);
            return;
        }
        Map<Long, Long> later;
        boolean observe;
        lock.lock();
        try {
            long latency = now - permit.grantedAt();
            latencies[nextLatency] = latency;
            nextLatency = (nextLatency + 1) % LATENCY_SAMPLES;
            latencySamples = Math.min(LATENCY_SAMPLES, latencySamples + 1);
            LocalSend send = sends.get(permit.sequence());
            if (send != null) {
                send.latency = latency;
            }
            later = lateSends();
            observe = send != null && budget.remaining().isPresent()
                    && limit - budget.remaining().getAsInt() > send.sentInWindow;
        } finally {
            lock.unlock();
        }
        try {
            if (!later.isEmpty()) {
                database.inTransaction(connection -> {
                    store.countLater(connection, later);
                    return null;
                });
            }
            if (observe) {
                int used = limit - budget.remaining().getAsInt();
                long slack = windowMicros - TimeUnit.NANOSECONDS.toMicros(settings.period().toNanos());
                int foreign = database.inTransaction(connection -> store.observeServer(connection, permit.sequence(), used,
                        budget.remaining().getAsInt(), budget.resetSeconds().orElse(periodSeconds()), windowMicros, slack));
                if (foreign > 0) {
                    LOG.debug("Others spend this client id's budget: at least {} of the {} the server counts are not the"
                            + " cluster's; every instance follows the server's count until its window resets", foreign, used);
                    lock.lock();
                    try {
                        lastForeign = foreign;
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("Could not record an answer in the cluster database: {}", ClusterDatabase.describe(e));
        }
    }

    /**
     * The sends of this instance whose answers came later than the quickest recent answer (plus half the margin,
     * jitter the margin absorbs) allows, and that are not yet counted from that late: id to microseconds after grant.
     */
    private Map<Long, Long> lateSends() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < latencySamples; i++) {
            least = Math.min(least, latencies[i]);
        }
        long credited = least + settings.margin().toNanos() / 2;
        Map<Long, Long> later = new HashMap<>();
        for (Map.Entry<Long, LocalSend> entry : sends.entrySet()) {
            LocalSend send = entry.getValue();
            if (send.latency < 0) {
                continue;
            }
            long late = TimeUnit.NANOSECONDS.toMicros(send.latency - credited);
            if (late - send.countedLaterMicros >= LATENESS_STEP_MICROS) {
                send.countedLaterMicros = late;
                later.put(entry.getKey(), late);
            }
        }
        return later;
    }

    private void onRateLimited(Permit permit, ServerBudget budget, long now, int limit) {
        int seconds = budget.retryAfterSeconds().orElse(budget.resetSeconds().orElse(periodSeconds()));
        lock.lock();
        try {
            long until = now + TimeUnit.SECONDS.toNanos(seconds);
            if (until - blockedUntil > 0) {
                blockedUntil = until;
            }
            sends.remove(permit.sequence());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long slack = windowMicros - TimeUnit.NANOSECONDS.toMicros(settings.period().toNanos());
        long minimumExtra = Math.max(TimeUnit.NANOSECONDS.toMicros(settings.margin().toNanos()), 100_000);
        try {
            SharedBudgetStore.Cause cause = database.inTransaction(connection -> store.rateLimited(connection,
                    permit.sequence(), seconds, limit, windowMicros, slack, FOREIGN_MEMORY_WINDOWS * windowMicros,
                    minimumExtra, maxExtraMicros));
            lock.lock();
            try {
                if (cause == SharedBudgetStore.Cause.JITTER) {
                    rateLimitedByJitter++;
                    LOG.warn("429 although the cluster had budget left: requests reach the server with more jitter than the"
                            + " {} ms margin; every instance spaces them further apart", settings.margin().toMillis());
                } else {
                    rateLimitedByOthers++;
                    LOG.debug("429 from the budget others spend on this client id; every instance waits {} s", seconds);
                }
            } finally {
                lock.unlock();
            }
        } catch (SQLException e) {
            LOG.warn("A 429 (retry after {} s) could not be recorded in the cluster database: {}", seconds,
                    ClusterDatabase.describe(e));
        }
    }

    @Override
    public void onNotSent(Permit permit) {
        lock.lock();
        try {
            sends.remove(permit.sequence());
        } finally {
            lock.unlock();
        }
        try {
            database.inTransaction(connection -> {
                store.release(connection, permit.sequence());
                return null;
            });
        } catch (SQLException e) {
            LOG.debug("A send that never left stays counted (the cluster database could not be used): {}",
                    ClusterDatabase.describe(e));
        }
    }

    /** As of this instance's last permit: the cluster's sends in the window, and others' spending seen. */
    @Override
    public LimiterStatus status() {
        lock.lock();
        try {
            return new LimiterStatus(lastSentInWindow, lastForeign, settings.reserve(), settings.budget(), rateLimitedByOthers,
                    rateLimitedByJitter, queue.waiting(CallPriority.URGENT), queue.waiting(CallPriority.BULK));
        } finally {
            lock.unlock();
        }
    }

    private int periodSeconds() {
        return (int) Math.ceil(settings.period().toMillis() / 1000.0);
    }

    /** One send of this instance, as it knows it. */
    private static final class LocalSend {
        final long grantedAt;
        final int sentInWindow;
        long latency = -1;
        long countedLaterMicros;

        LocalSend(long grantedAt, int sentInWindow) {
            this.grantedAt = grantedAt;
            this.sentInWindow = sentInWindow;
        }
    }
}
