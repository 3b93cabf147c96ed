package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.ServerWindows;

/** How bulk permits are spread across the window, on a fake clock. */
class BulkPacingTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final RateLimitSettings MANAGE = RateLimitSettings.MANAGE_API;
    /** (period + margin) / requests. */
    private static final long SPACING = 510 * MS;

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ClientRateLimiter limiter = new ClientRateLimiter(MANAGE, now::get);

    @Test
    void aSmallBulkJobOnAFreeBudgetGoesAtOnceAndMoreBulkWorkRepaysTheBurstBeforeItGoesOn() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.nanosUntilAllowed(now.get(), CallPriority.BULK)).as("send %d", i).isZero();
            limiter.grant(now.get(), 0, CallPriority.BULK);
        }
        assertThat(limiter.nanosUntilAllowed(now.get(), CallPriority.BULK))
                .as("half the budget is gone: the next bulk permit comes where the ten would have ended, paced")
                .isEqualTo(10 * SPACING);
        assertThat(limiter.nanosUntilAllowed(now.get(), CallPriority.URGENT)).as("urgent calls are never paced").isZero();
        now.addAndGet(10 * SPACING);
        assertThat(limiter.nanosUntilAllowed(now.get(), CallPriority.BULK)).isZero();
        limiter.grant(now.get(), 0, CallPriority.BULK);
        assertThat(limiter.nanosUntilAllowed(now.get(), CallPriority.BULK)).isEqualTo(SPACING);
    }

    @Test
    void duringSustainedBulkWorkThatBeganWithABurstEveryUrgentCallFindsASlotWithinOneSpacing() {
        // Bulk work always has a call ready; from 15 s on, urgent calls come one after another, each 50 ms after the
        // previous one's permit (an event's steps), as deployment events posted in turn during an import do.
        long start = now.get();
        long step = 10 * MS;
        long urgentDue = start + 15 * S;
        long worstUrgentWait = 0;
        int urgentCalls = 0;
        while (now.get() - start < 60 * S) {
            long at = now.get();
            if (at - urgentDue >= 0 && limiter.nanosUntilAllowed(at, CallPriority.URGENT) <= 0) {
                worstUrgentWait = Math.max(worstUrgentWait, at - urgentDue);
                limiter.grant(at, 0, CallPriority.URGENT);
                urgentCalls++;
                urgentDue = at + 50 * MS;
            } else if (limiter.nanosUntilAllowed(at, CallPriority.BULK) <= 0) {
                limiter.grant(at, 0, CallPriority.BULK);
            }
            now.addAndGet(step);
        }
        assertThat(urgentCalls).as("urgent calls in 45 s").isGreaterThan(40);
        assertThat(worstUrgentWait).as("the longest an urgent call waited for a slot").isLessThanOrEqualTo(SPACING + step);
    }

    @Test
    void sustainedBulkWorkIsSpreadEvenlyAcrossTheWindowAtTheFullRate() {
        List<Long> sends = saturate(limiter, 400, CallPriority.BULK);
        long start = sends.get(0);
        List<Long> steady = sends.stream().filter(t -> t - start >= 10_200 * MS).toList();
        for (int i = 1; i < steady.size(); i++) {
            assertThat(steady.get(i) - steady.get(i - 1)).as("gap %d", i).isEqualTo(SPACING);
        }
        assertThat(countIn(sends, start + 10_200 * MS, start + 11 * 10_200 * MS)).as("ten windows after the first")
                .isEqualTo(10 * 20);
        assertThat(maxInAnyInterval(sends, 10_200 * MS)).isEqualTo(20);
        assertThat(maxInAnyInterval(steady, S)).as("no burst once paced").isEqualTo(2);
    }

    @Test
    void unpacedUrgentWorkFromTheSameStartBurstsTwentyAtATime() {
        List<Long> sends = saturate(limiter, 400, CallPriority.URGENT);
        List<Long> steady = sends.stream().filter(t -> t - sends.get(0) >= 10_200 * MS).toList();
        assertThat(maxInAnyInterval(steady, S)).isEqualTo(20);
        assertThat(countIn(sends, sends.get(0) + 10_200 * MS, sends.get(0) + 11 * 10_200 * MS)).isEqualTo(10 * 20);
    }

    @Test
    void withAReserveBulkWorkIsSpacedAtTheWindowOverWhatIsLeft() {
        ClientRateLimiter reserving = new ClientRateLimiter(new RateLimitSettings(20, MANAGE.period(), MANAGE.margin(), 11),
                now::get);
        List<Long> sends = saturate(reserving, 100, CallPriority.BULK);
        long start = sends.get(0);
        List<Long> steady = sends.stream().filter(t -> t - start >= 10_200 * MS).toList();
        assertThat(steady.get(1) - steady.get(0)).isEqualTo(10_200 * MS / 9);
        assertThat(maxInAnyInterval(sends, 10_200 * MS)).isEqualTo(9);
        assertThat(countIn(sends, start + 10_200 * MS, start + 6 * 10_200 * MS)).isEqualTo(5 * 9);
    }

    @Test
    void mixedUrgentAndBulkArrivalsNeverPutMoreThanTheBudgetInAServerWindow() {
        Random random = new Random(20261201);
        for (int run = 0; run < 30; run++) {
            AtomicLong clock = new AtomicLong(0);
            ClientRateLimiter fresh = new ClientRateLimiter(MANAGE, clock::get);
            List<Long> arrivals = new ArrayList<>();
            long wantedAt = 0;
            for (int i = 0; i < 200; i++) {
                wantedAt += (long) (random.nextDouble() * (random.nextBoolean() ? 50 * MS : 2 * S));
                clock.set(Math.max(clock.get(), wantedAt));
                CallPriority priority = random.nextInt(3) == 0 ? CallPriority.URGENT : CallPriority.BULK;
                long wait;
                while ((wait = fresh.nanosUntilAllowed(clock.get(), priority)) > 0) {
                    clock.addAndGet(wait);
                }
                fresh.grant(clock.get(), 0);
                arrivals.add(clock.get() + (long) (random.nextDouble() * MANAGE.margin().toNanos()));
            }
            assertThat(ServerWindows.maxInAServerWindow(arrivals, MANAGE.period().toNanos())).as("run %d", run).isLessThanOrEqualTo(20);
        }
    }

    /** Sends as fast as the limiter allows, as a caller that always has work would; returns the send times. */
    private List<Long> saturate(ClientRateLimiter target, int count, CallPriority priority) {
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long wait;
            while ((wait = target.nanosUntilAllowed(now.get(), priority)) > 0) {
                now.addAndGet(wait);
            }
            target.grant(now.get(), 0, priority);
            sends.add(now.get());
        }
        return sends;
    }

    private static int countIn(List<Long> times, long from, long until) {
        return (int) times.stream().filter(t -> t - from >= 0 && t - until < 0).count();
    }

    /** The most times within any half-open interval of the given length. */
    private static int maxInAnyInterval(List<Long> times, long length) {
        int max = 0;
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j) - times.get(i) < length) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

}
