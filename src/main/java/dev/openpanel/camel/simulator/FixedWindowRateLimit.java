package dev.openpanel.camel.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The server's rate limit: a fixed window per key that starts at the first request when no window is open; every
 * request counts (429s too, which do not extend the window). Also keeps, per key, the most requests seen in one
 * window, which is what benchmarks and tests check.
 */
public final class FixedWindowRateLimit {

    private final int limit;
    private final long periodNanos;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Integer> maxSeen = new HashMap<>();

    FixedWindowRateLimit(int limit, long periodNanos) {
        this.limit = limit;
        this.periodNanos = periodNanos;
    }

    public int limit() {
        return limit;
    }

    /** Counts one request of the key and says whether it passes, with the values of the rate-limit headers. */
    synchronized Decision hit(String key, long now) {
        Window window = current(key, now);
        window.seen++;
        maxSeen.merge(key, window.seen, Math::max);
        int resetSeconds = (int) Math.max(1, Math.ceil((window.start + periodNanos - now) / 1e9));
        return new Decision(window.seen > limit, limit, Math.max(0, limit - window.seen), resetSeconds);
    }

    /** Spends {@code requests} of the key's budget, as another tool using the same client id would. */
    synchronized void spend(String key, int requests, long now) {
        Window window = current(key, now);
        window.seen += requests;
        maxSeen.merge(key, window.seen, Math::max);
    }

    /** The most requests (passed or refused, competitors' included) that arrived in one window of the key. */
    public synchronized int maxSeenInOneWindow(String key) {
        return maxSeen.getOrDefault(key, 0);
    }

    /** Forgets every window and statistic. */
    public synchronized void reset() {
        windows.clear();
        maxSeen.clear();
    }

    private Window current(String key, long now) {
        Window window = windows.get(key);
        if (window == null || now - window.start >= periodNanos) {
            window = new Window(now);
            windows.put(key, window);
        }
        return window;
    }

    /** The headers' values for one request. */
    record Decision(boolean limited, int limit, int remaining, int resetSeconds) {
    }

    private static final class Window {
        final long start;
        int seen;

        Window(long start) {
            this.start = start;
        }
    }
}
