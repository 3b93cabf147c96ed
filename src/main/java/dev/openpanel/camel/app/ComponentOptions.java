package dev.openpanel.camel.app;

import org.apache.camel.CamelContext;
import org.apache.camel.main.MainHelper;
import org.apache.camel.util.OrderedLocationProperties;

/**
 * A component's {@code camel.component.<name>.*} options, for a context without Camel Main, bound the way Main's
 * auto-configuration binds them, with its own helper: from the properties (file and overrides; the environment
 * overrides a key set there, as for every key) and the JVM's system properties, which win; an unknown option fails.
 */
final class ComponentOptions {

    private ComponentOptions() {
    }

    static void apply(CamelContext context, String component) throws Exception {
        String prefix = "camel.component." + component + ".";
        OrderedLocationProperties found = new OrderedLocationProperties();
        found.putAll((OrderedLocationProperties) context.getPropertiesComponent().loadProperties(key -> key.startsWith(prefix),
                MainHelper::optionKey));
        found.putAll("SYS", MainHelper.loadJvmSystemPropertiesAsProperties(new String[] { prefix }));
        OrderedLocationProperties options = new OrderedLocationProperties();
        for (String key : found.stringPropertyNames()) {
            options.put(found.getLocation(key), key.substring(prefix.length()), found.getProperty(key));
        }
        if (!options.isEmpty()) {
            MainHelper.setPropertiesOnTarget(context, context.getComponent(component), options, prefix, true, true,
                    new OrderedLocationProperties());
        }
    }
}
