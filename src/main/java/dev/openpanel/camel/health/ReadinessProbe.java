package dev.openpanel.camel.health;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.openpanel.camel.component.api.ManageApi;
import dev.openpanel.camel.component.error.OpenPanelApiException;

/**
 * Makes one cheap call (list projects) at start-up, and again every interval while the API is not known to be up,
 * so readiness reflects refused credentials or an unreachable API even when no job is running. Once up, it spends
 * nothing: real calls keep {@link ApiReadiness} current.
 */
public final class ReadinessProbe extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessProbe.class);

    private final CamelContext context;
    private final ApiReadiness readiness;
    private final ManageApi api;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ReadinessProbe(CamelContext context, ApiReadiness readiness, ManageApi api, Duration interval) {
        this.context = context;
        this.readiness = readiness;
        this.api = api;
        this.interval = interval;
    }

    @Override
    protected void doStart() {
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "openpanel-readiness-probe");
        executor.scheduleWithFixedDelay(this::probeUnlessUp, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
        }
    }

    private void probeUnlessUp() {
        if (readiness.state() == ApiReadiness.State.UP) {
            return;
        }
        try {
            api.projects().list();
        } catch (OpenPanelApiException e) {
            LOG.warn("OpenPanel API not ready: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("OpenPanel API readiness probe failed: {}", e.toString());
        }
    }
}
