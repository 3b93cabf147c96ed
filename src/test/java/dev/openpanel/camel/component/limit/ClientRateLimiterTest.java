package dev.openpanel.camel.component.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.ServerWindows;

/** The limiter's schedule on a fake clock: exact, repeatable, independent of the machine's load. */
class ClientRateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final RateLimitSettings MANAGE = RateLimitSettings.MANAGE_API;

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ClientRateLimiter limiter = new ClientRateLimiter(MANAGE, now::get);

    @Test
    void theWholeBudgetGoesAtOnceAndTheNextRequestWaitsUntilTheFirstLeavesPeriodPlusMargin() {
        long start = now.get();
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
            limiter.grant(now.get(), 0);
        }
        assertThat(limiter.nanosUntilAllowed(now.get())).isEqualTo(10_200 * MS);
        now.set(start + 10_200 * MS - 1);
        assertThat(limiter.nanosUntilAllowed(now.get())).isEqualTo(1);
        now.set(start + 10_200 * MS);
        assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
    }

    @Test
    void aReserveLeavesItsRequestsOfEveryWindowToOthers() {
        ClientRateLimiter reserving = new ClientRateLimiter(new RateLimitSettings(20, MANAGE.period(), MANAGE.margin(), 11), now::get);
        long start = now.get();
        for (int i = 0; i < 9; i++) {
            assertThat(reserving.nanosUntilAllowed(now.get())).isZero();
            reserving.grant(now.get(), 0);
        }
        assertThat(reserving.nanosUntilAllowed(now.get())).as("the tenth waits for the first to leave 10.2 s")
                .isEqualTo(10_200 * MS);
        now.set(start + 10_200 * MS);
        assertThat(reserving.nanosUntilAllowed(now.get())).isZero();
    }

    @Test
    void oneAtZeroAndNineteenAtNinePointFiveLeaveOneSlotAtTenPointTwoAndTheRestAtNineteenPointSeven() {
        long start = now.get();
        limiter.grant(start, 0);
        for (int i = 0; i < 19; i++) {
            limiter.grant(start + 9_500 * MS, 0);
        }
        assertThat(limiter.nanosUntilAllowed(start + 9_600 * MS)).isEqualTo(600 * MS);
        limiter.grant(start + 10_200 * MS, 0);
        assertThat(limiter.nanosUntilAllowed(start + 10_200 * MS)).isEqualTo(9_500 * MS);
    }

    @Test
    void aSendThatReachedTheServerLateCountsFromThenSoTheServersLateWindowNeverSeesOneMore() {
        long start = now.get();
        Permit first = limiter.grant(start, 0);
        now.set(start + 500 * MS);
        limiter.onAnswer(first, budget(19, 10));
        for (int i = 0; i < 19; i++) {
            Permit next = limiter.grant(now.get(), 0);
            now.addAndGet(20 * MS);
            limiter.onAnswer(next, budget(18 - i, 10));
        }
        assertThat(limiter.nanosUntilAllowed(start + 10_200 * MS))
                .as("the first send took 500 ms against 20 ms for the others: it reached the server about 480 ms late, of which"
                        + " half the 200 ms margin is jitter the margin absorbs anyway")
                .isEqualTo(380 * MS);
        assertThat(limiter.nanosUntilAllowed(start + 10_580 * MS)).isZero();
    }

    @Test
    void a429BlocksEveryoneForItsRetryAfterAndFreesTheSlotTheServerDidNotCount() {
        Permit permit = limiter.grant(now.get(), 0);
        now.addAndGet(S);
        limiter.onAnswer(permit, new ServerBudget(true, OptionalInt.of(20), OptionalInt.of(0), OptionalInt.of(7), OptionalInt.of(7)));
        assertThat(limiter.nanosUntilAllowed(now.get())).isEqualTo(7 * S);
        now.addAndGet(7 * S);
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
            limiter.grant(now.get(), 0);
        }
    }

    @Test
    void a429NobodyElseCausedWidensTheSpacingDoublingUpToATenthOfThePeriodAndCalmWindowsUndoIt() {
        long start = now.get();
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            permits.add(limiter.grant(start, 0));
        }
        now.set(start + 10 * MS);
        limiter.onAnswer(permits.get(19), new ServerBudget(true, OptionalInt.of(20), OptionalInt.of(0), OptionalInt.of(10),
                OptionalInt.of(10)));
        assertThat(limiter.extraMarginNanos()).isEqualTo(200 * MS);
        now.set(start + 10_010 * MS);
        assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
        limiter.grant(now.get(), 0);
        assertThat(limiter.nanosUntilAllowed(now.get())).as("first send + 10 s + 200 ms margin + 200 ms more")
                .isEqualTo(start + 10_400 * MS - now.get());

        for (int doubling : new int[] { 400, 800, 1_000, 1_000 }) {
            limiter.onAnswer(limiter.grant(now.get(), 0), new ServerBudget(true, OptionalInt.of(20), OptionalInt.of(0),
                    OptionalInt.of(1), OptionalInt.of(1)));
            assertThat(limiter.extraMarginNanos()).isEqualTo(doubling * MS);
        }
        now.addAndGet(10 * (10_200 + 1_000) * MS + 1);
        limiter.nanosUntilAllowed(now.get());
        assertThat(limiter.extraMarginNanos()).isZero();
    }

    @Test
    void a429WhileAnotherClientIsKnownToSpendTheBudgetDoesNotWidenTheSpacing() {
        Permit first = limiter.grant(now.get(), 0);
        limiter.onAnswer(first, budget(0, 10));
        Permit second = limiter.grant(now.get(), 0);
        limiter.onAnswer(second, new ServerBudget(true, OptionalInt.of(20), OptionalInt.of(0), OptionalInt.of(10), OptionalInt.of(10)));
        assertThat(limiter.extraMarginNanos()).isZero();
    }

    @Test
    void whenTheServerCountsMoreThanOurOwnRequestsItsRemainingAndResetAreFollowed() {
        Permit first = limiter.grant(now.get(), 0);
        now.addAndGet(100 * MS);
        limiter.onAnswer(first, budget(1, 10));
        assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
        limiter.grant(now.get(), 0);
        long answeredAt = now.get();
        assertThat(limiter.nanosUntilAllowed(now.get())).isEqualTo(10 * S);
        now.set(answeredAt + 10 * S);
        assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
    }

    @Test
    void ourOwnSpendingDoesNotMakeUsWaitForTheRoundedUpReset() {
        List<Permit> permits = new ArrayList<>();
        long start = now.get();
        for (int i = 0; i < 20; i++) {
            permits.add(limiter.grant(start, 0));
        }
        now.set(start + 2 * S);
        for (int i = 0; i < 20; i++) {
            limiter.onAnswer(permits.get(i), budget(19 - i, 9));
        }
        assertThat(limiter.nanosUntilAllowed(now.get())).isEqualTo(8_200 * MS);
    }

    @Test
    void aRequestThatNeverLeftGivesItsSlotBack() {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            permits.add(limiter.grant(now.get(), 0));
        }
        limiter.onNotSent(permits.get(5));
        assertThat(limiter.nanosUntilAllowed(now.get())).isZero();
    }

    @Test
    void noServerWindowEverSeesMoreThanTheBudgetWhateverTheArrivalsAndJitterWithinTheMargin() {
        Random random = new Random(20261123);
        for (int run = 0; run < 50; run++) {
            AtomicLong clock = new AtomicLong(0);
            ClientRateLimiter fresh = new ClientRateLimiter(MANAGE, clock::get);
            List<Long> arrivals = new ArrayList<>();
            long wantedAt = 0;
            for (int i = 0; i < 200; i++) {
                wantedAt += (long) (random.nextDouble() * (random.nextBoolean() ? 50 * MS : 2 * S));
                clock.set(Math.max(clock.get(), wantedAt));
                long wait;
                while ((wait = fresh.nanosUntilAllowed(clock.get())) > 0) {
                    clock.addAndGet(wait);
                }
                fresh.grant(clock.get(), 0);
                arrivals.add(clock.get() + (long) (random.nextDouble() * MANAGE.margin().toNanos()));
            }
            assertThat(ServerWindows.maxInAServerWindow(arrivals, MANAGE.period().toNanos())).as("run %d", run).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void aSaturatedScheduleKeepsAtLeast97PercentOfTheBudget() {
        AtomicLong clock = new AtomicLong(0);
        ClientRateLimiter saturated = new ClientRateLimiter(MANAGE, clock::get);
        for (int i = 0; i < 400; i++) {
            long wait;
            while ((wait = saturated.nanosUntilAllowed(clock.get())) > 0) {
                clock.addAndGet(wait);
            }
            saturated.grant(clock.get(), 0);
        }
        double ideal = (400 / 20 - 1) * 10.0;
        double actual = clock.get() / 1e9;
        assertThat(ideal / actual).isGreaterThanOrEqualTo(0.97);
    }

    private static ServerBudget budget(int remaining, int resetSeconds) {
        return new ServerBudget(false, OptionalInt.of(20), OptionalInt.of(remaining), OptionalInt.of(resetSeconds), OptionalInt.empty());
    }

    @Test
    void settingsRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimitSettings(0, Duration.ofSeconds(10), Duration.ZERO))
                .hasMessageContaining("at least 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimitSettings(20, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimitSettings(20, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("margin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimitSettings(20, Duration.ofSeconds(10), Duration.ZERO, 20))
                .hasMessageContaining("reserve");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimitSettings(20, Duration.ofSeconds(10), Duration.ZERO, -1))
                .hasMessageContaining("reserve");
    }
}
