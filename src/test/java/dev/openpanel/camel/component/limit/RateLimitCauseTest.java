package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Telling others' spending from our own jitter, on a fake clock: a 429 widens the spacing only when our own sends
 * could have filled the server's window and nobody else was seen spending it.
 */
class RateLimitCauseTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long SPACING = 510 * MS;

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ClientRateLimiter limiter = new ClientRateLimiter(RateLimitSettings.MANAGE_API, now::get);

    @Test
    void whenOurPacedSendsFillTheWindowA429IsJitterAndWidensTheSpacing() {
        List<Permit> permits = pacedSends(limiter, 20);
        for (int i = 0; i < 19; i++) {
            limiter.onAnswer(permits.get(i), budget(19 - i));
        }
        assertThat(limiter.status().foreignRequestsEstimated()).as("every count is explained by our own sends").isZero();
        limiter.onAnswer(permits.get(19), rateLimited());
        assertThat(limiter.extraMarginNanos()).isEqualTo(200 * MS);
        assertThat(limiter.status().rateLimitedByJitter()).isEqualTo(1);
        assertThat(limiter.status().rateLimitedByOthers()).isZero();
    }

    @Test
    void aCountThatGrowsFasterThanOurSendsBetweenTwoAnswersIsOthersEvenWhileOurSendsFillTheWindow() {
        List<Permit> permits = pacedSends(limiter, 20);
        int used = 0;
        for (int i = 0; i < 19; i++) {
            used += i == 7 ? 2 : 1;
            limiter.onAnswer(permits.get(i), budget(20 - used));
        }
        assertThat(limiter.status().foreignRequestsEstimated()).isEqualTo(1);
        limiter.onAnswer(permits.get(19), rateLimited());
        assertThat(limiter.extraMarginNanos()).as("not our jitter: the spacing stays").isZero();
        assertThat(limiter.status().rateLimitedByOthers()).isEqualTo(1);
        assertThat(limiter.status().rateLimitedByJitter()).isZero();
    }

    @Test
    void a429OurOwnSendsCouldNotHaveCausedIsOthersEvenWithoutAnEarlierSign() {
        ClientRateLimiter reserving = new ClientRateLimiter(
                new RateLimitSettings(20, RateLimitSettings.MANAGE_API.period(), RateLimitSettings.MANAGE_API.margin(), 11),
                now::get);
        List<Permit> permits = pacedSends(reserving, 9);
        reserving.onAnswer(permits.get(8), rateLimited());
        assertThat(reserving.extraMarginNanos()).isZero();
        assertThat(reserving.status().rateLimitedByOthers()).isEqualTo(1);
    }

    @Test
    void othersSeenInTheLastTwoWindowsMakeA429TheirsAndAfterThatItIsJitterAgain() {
        Permit first = limiter.grant(now.get(), 0);
        limiter.onAnswer(first, budget(10));
        assertThat(limiter.status().foreignRequestsEstimated()).isEqualTo(9);

        now.addAndGet(12 * S);
        List<Permit> permits = burst(limiter, 20);
        limiter.onAnswer(permits.get(19), rateLimited());
        assertThat(limiter.extraMarginNanos()).as("others spent the window before").isZero();

        now.addAndGet(25 * S);
        permits = burst(limiter, 20);
        limiter.onAnswer(permits.get(19), rateLimited());
        assertThat(limiter.extraMarginNanos()).as("nobody else for more than two windows").isEqualTo(200 * MS);
    }

    @Test
    void answersOfConcurrentRequestsInAnyOrderNeverLookLikeOthersSpending() {
        List<Permit> permits = burst(limiter, 20);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        now.addAndGet(2 * S);
        for (int i : order) {
            limiter.onAnswer(permits.get(i), budget(19 - i));
        }
        assertThat(limiter.status().foreignRequestsEstimated()).isZero();
        assertThat(limiter.nanosUntilAllowed(now.get())).as("only our own sliding log holds us").isEqualTo(8_200 * MS);
    }

    @Test
    void pacedRequestsWithSeveralInFlightNeverLookLikeOthersSpending() {
        List<Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long wait;
            while ((wait = limiter.nanosUntilAllowed(now.get(), CallPriority.BULK)) > 0) {
                now.addAndGet(wait);
            }
            inFlight.add(limiter.grant(now.get(), 0));
            while (!inFlight.isEmpty() && now.get() - inFlight.get(0).grantedAt() >= 2 * S) {
                Permit answered = inFlight.remove(0);
                limiter.onAnswer(answered, budget(serverRemainingFor(answered)));
            }
        }
        assertThat(limiter.status().foreignRequestsEstimated()).isZero();
    }

    @Test
    void theEstimateOfOthersEndsWithTheServersWindow() {
        Permit first = limiter.grant(now.get(), 0);
        limiter.onAnswer(first, new ServerBudget(false, OptionalInt.of(20), OptionalInt.of(14), OptionalInt.of(4), OptionalInt.empty()));
        assertThat(limiter.status().foreignRequestsEstimated()).isEqualTo(5);
        now.addAndGet(4 * S);
        assertThat(limiter.status().foreignRequestsEstimated()).isZero();
    }

    /** The server's remaining at each of our requests when only we spend, windows starting at our first send. */
    private int windowStartCount;
    private long windowStart = Long.MIN_VALUE;

    private int serverRemainingFor(Permit permit) {
        if (windowStart == Long.MIN_VALUE || permit.grantedAt() - windowStart >= 10 * S) {
            windowStart = permit.grantedAt();
            windowStartCount = 0;
        }
        windowStartCount++;
        return 20 - windowStartCount;
    }

    private List<Permit> pacedSends(ClientRateLimiter target, int count) {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(target.grant(now.get(), 0));
            now.addAndGet(SPACING);
        }
        return permits;
    }

    private List<Permit> burst(ClientRateLimiter target, int count) {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(target.grant(now.get(), 0));
        }
        return permits;
    }

    private static ServerBudget budget(int remaining) {
        return new ServerBudget(false, OptionalInt.of(20), OptionalInt.of(remaining), OptionalInt.of(5), OptionalInt.empty());
    }

    private static ServerBudget rateLimited() {
        return new ServerBudget(true, OptionalInt.of(20), OptionalInt.of(0), OptionalInt.of(1), OptionalInt.of(1));
    }
}
