package dev.openpanel.camel.app;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Reads the route files of {@code camel.main.routes-include-pattern} with Camel's routes loader, as Camel Main does,
 * without adding their routes: in a context that runs none, a route file that does not parse is still a configuration
 * error, reported in the same sentence as by the service (see {@code RouteFileErrors}).
 */
final class RouteFiles {

    private static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";

    private RouteFiles() {
    }

    static void read(CamelContext context) throws Exception {
        String patterns = context.getPropertiesComponent().resolveProperty(INCLUDE_PATTERN).orElse("");
        PackageScanResourceResolver resolver = PluginHelper.getPackageScanResourceResolver(context);
        List<Resource> files = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            if (!pattern.isBlank()) {
                files.addAll(resolver.findResources(pattern.trim()));
            }
        }
        PluginHelper.getRoutesLoader(context).findRoutesBuilders(files);
    }
}
