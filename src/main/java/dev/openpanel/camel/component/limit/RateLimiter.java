package dev.openpanel.camel.component.limit;

/**
 * The request budget of one root client as every call of the component sees it: take a {@link Permit} before sending,
 * hand it back with what the answer said. {@link ClientRateLimiter} keeps the budget of one JVM; other implementations
 * (cluster mode) keep it for several instances together, behind this same interface, so the component never knows
 * which one it has.
 * <p>
 * Every implementation keeps the same guarantee: at most {@link RateLimitSettings#budget()} sends in any interval of
 * {@link RateLimitSettings#window()}, each counted from when the server may have counted it, and a 429 makes every
 * caller wait for its {@code retry-after}.
 */
public interface RateLimiter {

    /** The budget this limiter keeps. */
    RateLimitSettings settings();

    /**
     * Waits until an urgent request may be sent and grants it.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default Permit acquire() throws InterruptedException {
        return acquire(CallPriority.URGENT);
    }

    /**
     * Waits until a request of this priority may be sent and it is its turn, and grants it.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Permit acquire(CallPriority priority) throws InterruptedException;

    /** Hands back a permit whose request got an answer, with what the answer said about the server's budget. */
    void onAnswer(Permit permit, ServerBudget budget);

    /** Hands back a permit whose request never reached the server (refused connection): its slot is free again. */
    void onNotSent(Permit permit);

    /** What the budget is used for right now; for metrics. */
    LimiterStatus status();
}
