package dev.openpanel.camel.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.apache.camel.CamelContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.openpanel.camel.component.api.ApiCallObserver;
import dev.openpanel.camel.component.api.ApiRequest;
import dev.openpanel.camel.component.limit.RateLimiter;
import dev.openpanel.camel.component.limit.LimiterStatus;

/**
 * The project's own Micrometer metrics, exported with Camel's at {@code /observe/metrics} (Prometheus format).
 * Jobs record through it; the component reports every API call through {@link #apiObserver()}. Without Camel's
 * metrics (plain test contexts) it records into a private registry.
 */
public final class OpenPanelMetrics {

    private final CamelContext context;
    private final AtomicInteger budgetRemaining = new AtomicInteger(-1);
    private volatile MeterRegistry registry;
    private volatile Supplier<RateLimiter> limiter;

    public OpenPanelMetrics(CamelContext context) {
        this.context = context;
    }

    /** The registry metrics go to: Camel's when it has one, else a private one. */
    public MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            synchronized (this) {
                if (registry == null) {
                    MeterRegistry camel = context.getRegistry().findSingleByType(MeterRegistry.class);
                    registry = camel != null ? camel : new SimpleMeterRegistry();
                    registry.gauge("openpanel_api_budget_remaining", budgetRemaining);
                    if (limiter != null) {
                        registerLimiter(registry);
                    }
                }
                current = registry;
            }
        }
        return current;
    }

    /**
     * Reports how the rate limiter of the component's client spends its budget: {@code openpanel_rate_limit_own_requests}
     * (our sends in the last period + margin), {@code openpanel_rate_limit_foreign_requests_estimated} (others' requests
     * the server counted in its current window, at least), {@code openpanel_rate_limit_reserve},
     * {@code openpanel_rate_limit_budget}, {@code openpanel_rate_limit_waiting{priority}} and
     * {@code openpanel_rate_limit_429_total{cause=others|jitter}}. The limiter is looked up at each scrape.
     */
    public synchronized void watch(Supplier<RateLimiter> rateLimiter) {
        if (limiter != null) {
            throw new IllegalStateException("the metrics already watch a rate limiter");
        }
        limiter = rateLimiter;
        if (registry != null) {
            registerLimiter(registry);
        }
    }

    private void registerLimiter(MeterRegistry target) {
        gauge(target, "openpanel_rate_limit_own_requests", "Our requests in the last rate-limit window", LimiterStatus::ownRequests);
        gauge(target, "openpanel_rate_limit_foreign_requests_estimated",
                "Other users' requests the server counted in its current window, at least", LimiterStatus::foreignRequestsEstimated);
        gauge(target, "openpanel_rate_limit_reserve", "Requests of every window left to other users of the client id",
                LimiterStatus::reserve);
        gauge(target, "openpanel_rate_limit_budget", "Requests of every window for this service", LimiterStatus::budget);
        Gauge.builder("openpanel_rate_limit_waiting", this, m -> m.status().urgentWaiting()).tag("priority", "urgent")
                .description("Calls waiting for a permit").register(target);
        Gauge.builder("openpanel_rate_limit_waiting", this, m -> m.status().bulkWaiting()).tag("priority", "bulk")
                .description("Calls waiting for a permit").register(target);
        FunctionCounter.builder("openpanel_rate_limit_429", this, m -> m.status().rateLimitedByOthers()).tag("cause", "others")
                .description("429 answers by cause: others spending the client id, or our own jitter").register(target);
        FunctionCounter.builder("openpanel_rate_limit_429", this, m -> m.status().rateLimitedByJitter()).tag("cause", "jitter")
                .description("429 answers by cause: others spending the client id, or our own jitter").register(target);
    }

    private void gauge(MeterRegistry target, String name, String description, ToDoubleFunction<LimiterStatus> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.status())).description(description).register(target);
    }

    private LimiterStatus status() {
        return limiter.get().status();
    }

    /** Reports API calls: by resource, operation and status; 429s; retries; limiter waits; remaining budget. */
    public ApiCallObserver apiObserver() {
        return new ApiCallObserver() {
            @Override
            public void onAnswer(ApiRequest request, int status, long nanos) {
                Counter.builder("openpanel_api_calls").description("Manage API calls by resource, operation and status")
                        .tag("resource", request.resource().value()).tag("operation", request.operation().value())
                        .tag("status", String.valueOf(status)).register(registry()).increment();
                if (status == 429) {
                    Counter.builder("openpanel_api_rate_limited").description("429 answers").register(registry()).increment();
                }
            }

            @Override
            public void onRetry(ApiRequest request, String reason) {
                Counter.builder("openpanel_api_retries").description("Retried calls by reason").tag("reason", reason)
                        .register(registry()).increment();
            }

            @Override
            public void onLimiterWait(long nanos) {
                Timer.builder("openpanel_limiter_wait").description("Time calls waited for the rate limiter")
                        .register(registry()).record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onBudget(int remaining, int limit) {
                registry();
                budgetRemaining.set(remaining);
            }
        };
    }

    /** A CSV row reached a final outcome ({@code created}, {@code updated}, {@code deleted}, {@code unchanged}, {@code failed}). */
    public void rowImported(String kind, String status) {
        Counter.builder("openpanel_import_rows").description("Imported CSV rows by kind and status").tag("kind", kind)
                .tag("status", status).register(registry()).increment();
    }

    /** A deployment event was handled ({@code provisioned}, {@code duplicate}, {@code dead-lettered}, ...). */
    public void eventProvisioned(String outcome) {
        Counter.builder("openpanel_provisioning_events").description("Deployment events by outcome").tag("outcome", outcome)
                .register(registry()).increment();
    }

    /**
     * A file left an inbox for {@code .failed/} without being imported: {@code refused} (not a plain {@code *.csv}
     * file: another extension, a hidden or unsafe name, a link, a folder) or {@code unreadable} (its header, encoding
     * or CSV syntax).
     */
    public void fileRejected(String kind, String reason) {
        Counter.builder("openpanel_import_files_rejected").description("Inbox files moved to .failed/ without an import")
                .tag("kind", kind).tag("reason", reason).register(registry()).increment();
    }

    /** The intake refused a deployment event with this HTTP status (400, 401, 409, 413, 415, 503). */
    public void eventRefused(int status) {
        Counter.builder("openpanel_intake_refused").description("Deployment events the intake refused, by HTTP status")
                .tag("status", String.valueOf(status)).register(registry()).increment();
    }

    /**
     * A cleanup run ended: {@code completed}, {@code guarded} (more than max-deletes), {@code stopped} (time limit or
     * the API gone), {@code failed} (a listing failed) or {@code rules-invalid}.
     */
    public void cleanupRun(String outcome) {
        Counter.builder("openpanel_cleanup_runs").description("Cleanup runs by outcome").tag("outcome", outcome)
                .register(registry()).increment();
    }

    /** Reports a queue's depth at each scrape ({@code openpanel_queue_depth{queue}}); a negative value is not shown. */
    public void watchQueue(String queue, ToDoubleFunction<String> depth) {
        Gauge.builder("openpanel_queue_depth", queue, depth).description("Messages waiting in a queue")
                .tag("queue", queue).strongReference(true).register(registry());
    }

    /** A cleanup candidate's outcome ({@code deleted}, {@code would-delete}, {@code protected}, ...). */
    public void cleanupOutcome(String resource, String outcome) {
        Counter.builder("openpanel_cleanup_candidates").description("Cleanup candidates by resource and outcome")
                .tag("resource", resource).tag("outcome", outcome).register(registry()).increment();
    }
}
