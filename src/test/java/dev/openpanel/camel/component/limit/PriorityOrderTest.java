package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Callers blocked in {@link ClientRateLimiter#acquire(CallPriority)} on a fake clock: the test moves the clock and
 * wakes them, so the order is exact whatever the machine's speed. Awaitility only waits for threads to get there.
 */
class PriorityOrderTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ClientRateLimiter limiter = new ClientRateLimiter(RateLimitSettings.MANAGE_API, now::get);
    /** Names of the callers that got a permit, with its sequence: threads may record out of grant order. */
    private final Map<Long, String> granted = new ConcurrentSkipListMap<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void anUrgentCallArrivingAfterWaitingBulkCallsGoesFirstAndIsNotPacedWhileBulkCallsAre() {
        long start = now.get();
        for (int i = 0; i < 12; i++) {
            limiter.grant(start + i * 510 * MS, 0, CallPriority.BULK);
        }
        now.set(start + 11 * 510 * MS);
        for (int i = 1; i <= 3; i++) {
            call("bulk-" + i, CallPriority.BULK);
            int queued = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().bulkWaiting() == queued);
        }
        call("urgent", CallPriority.URGENT);
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.size() == 1);
        assertThat(order()).containsExactly("urgent");
        assertThat(limiter.status().bulkWaiting()).as("the log has room, but bulk work is paced and the clock stands still")
                .isEqualTo(3);

        for (int i = 1; i <= 3; i++) {
            advanceTo(start + (11 + i) * 510 * MS);
            int done = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> granted.size() == done);
            assertThat(limiter.status().bulkWaiting()).isEqualTo(3 - i);
        }
        assertThat(order()).containsExactly("urgent", "bulk-1", "bulk-2", "bulk-3");
    }

    @Test
    void bulkCallsStillGetOnePermitInFourWhileUrgentCallsQueueUp() {
        long start = now.get();
        for (int i = 0; i < 20; i++) {
            limiter.grant(start, 0);
        }
        call("bulk", CallPriority.BULK);
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().bulkWaiting() == 1);
        for (int i = 1; i <= 5; i++) {
            call("urgent-" + i, CallPriority.URGENT);
            int queued = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> limiter.status().urgentWaiting() == queued);
        }
        advanceTo(start + 10_200 * MS);
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.size() == 6);
        assertThat(order()).containsExactly("urgent-1", "urgent-2", "urgent-3", "bulk", "urgent-4", "urgent-5");
    }

    private void call(String name, CallPriority priority) {
        callers.submit(() -> {
            granted.put(limiter.acquire(priority).sequence(), name);
            return null;
        });
    }

    private List<String> order() {
        return List.copyOf(granted.values());
    }

    private void advanceTo(long time) {
        now.set(time);
        limiter.wakeUp();
    }
}
