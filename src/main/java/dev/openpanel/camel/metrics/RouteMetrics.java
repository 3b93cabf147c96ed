package dev.openpanel.camel.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Camel's route metrics ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}) for every route but the ones
 * whose exchanges are one per row of a file: their timers cost about a sixth of a 100,000-row plan's time. Camel's
 * own factory ({@code camel.metrics.enable-route-policy}) is turned off in its favour, since Camel's configuration has
 * no key for the routes to leave out. It counts routes and the context, in Micrometer's naming
 * ({@code camel.metrics.route-policy-level} and {@code naming-strategy} do not apply to it).
 */
public final class RouteMetrics {

    private RouteMetrics() {
    }

    /**
     * Installs the route metrics on a context whose registry holds Camel's meter registry ({@code camel.metrics.enabled});
     * does nothing on one without. Call before the routes are added.
     *
     * @param excludedRouteIds route ids or patterns (Camel's {@code PatternHelper}: {@code *}, regular expressions),
     *                         comma-separated; blank for none
     */
    public static void install(CamelContext context, String excludedRouteIds) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        MicrometerRoutePolicyConfiguration configuration = new MicrometerRoutePolicyConfiguration();
        configuration.setContextEnabled(true);
        configuration.setRouteEnabled(true);
        if (excludedRouteIds != null && !excludedRouteIds.isBlank()) {
            configuration.setExcludePattern(excludedRouteIds.replace(" ", ""));
        }
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setMeterRegistry(meters);
        factory.setPolicyConfiguration(configuration);
        context.addRoutePolicyFactory(factory);
    }
}
