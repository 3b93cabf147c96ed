package dev.openpanel.camel.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another tool on the same client id that sends one request per interval on its own schedule and, unlike
 * {@link ManageApiSimulator#spendBudget}, is answered: each request is counted by the rate limit and passes or gets a
 * 429, so both sides' 429s can be compared. Its requests are not in {@link ManageApiSimulator#requests()}.
 */
public final class CompetingCaller {

    private final FixedWindowRateLimit rateLimit;
    private final String clientId;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();

    CompetingCaller(FixedWindowRateLimit rateLimit, String clientId) {
        this.rateLimit = rateLimit;
        this.clientId = clientId;
    }

    void call() {
        calls.incrementAndGet();
        if (rateLimit.hit(clientId, System.nanoTime()).limited()) {
            rateLimited.incrementAndGet();
        }
    }

    /** Requests sent so far. */
    public int calls() {
        return calls.get();
    }

    /** Of those, the ones answered 429. */
    public int rateLimited() {
        return rateLimited.get();
    }
}
