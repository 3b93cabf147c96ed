package dev.openpanel.camel.simulator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The simulator's knobs, in the spirit of retrofit-mock's {@code NetworkBehavior}: latency with jitter, a ratio of
 * 5xx answers, a ratio of dropped connections, and one-off {@link Fault}s. All randomness comes from the simulator's
 * seedable source. Setters check their ranges and may be called while the simulator runs.
 */
public final class SimulatorBehavior {

    private final Random random;
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration jitter = Duration.ZERO;
    private volatile double failureRatio;
    private volatile int failureStatus = 503;
    private volatile double dropRatio;

    SimulatorBehavior(Random random) {
        this.random = random;
    }

    /** Delay before each request is handled (the request's way in); default none. */
    public SimulatorBehavior latency(Duration latency) {
        this.latency = nonNegative(latency, "latency");
        return this;
    }

    /** Each delay varies uniformly by up to this much either way; default none. */
    public SimulatorBehavior jitter(Duration jitter) {
        this.jitter = nonNegative(jitter, "jitter");
        return this;
    }

    /** Share of counted requests answered with {@code status} (a 5xx) instead of being handled; default 0. */
    public SimulatorBehavior failures(double ratio, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a failure status must be a 5xx, got " + status);
        }
        this.failureRatio = ratio(ratio, "failure ratio");
        this.failureStatus = status;
        return this;
    }

    /** Share of counted requests that are handled and then get no answer (the connection drops); default 0. */
    public SimulatorBehavior drops(double ratio) {
        this.dropRatio = ratio(ratio, "drop ratio");
        return this;
    }

    /** Makes the next request that matches the fault misbehave once. Faults queue in order. */
    public SimulatorBehavior failNext(Fault fault) {
        faults.addLast(fault);
        return this;
    }

    /** Back to a well-behaved server: no latency, failures, drops or pending faults. */
    public SimulatorBehavior reset() {
        latency = Duration.ZERO;
        jitter = Duration.ZERO;
        failureRatio = 0;
        dropRatio = 0;
        faults.clear();
        return this;
    }

    long delayMillis() {
        long base = latency.toMillis();
        long spread = jitter.toMillis();
        if (spread == 0) {
            return base;
        }
        return Math.max(0, base - spread + (long) (random.nextDouble() * 2 * spread));
    }

    Fault takeFault(String method, String path) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
            Fault fault = it.next();
            if (fault.matches(method, path)) {
                it.remove();
                return fault;
            }
        }
        if (failureRatio > 0 && random.nextDouble() < failureRatio) {
            return Fault.answer(failureStatus, "{\"statusCode\":" + failureStatus + ",\"error\":\"Service Unavailable\"}");
        }
        if (dropRatio > 0 && random.nextDouble() < dropRatio) {
            return Fault.dropAfterHandling();
        }
        return null;
    }

    private static Duration nonNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
        return value;
    }

    private static double ratio(double value, String name) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
        return value;
    }
}
