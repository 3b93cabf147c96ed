package dev.openpanel.camel.extensions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The jobs' extension points ({@code seda:openpanel-*}, routes/README.md): whether anyone subscribes to one, so that a
 * job publishes a copy of each message only when a route listens (a file of 100,000 rows then costs nothing extra
 * when nobody does). Bean {@value #BEAN}; the answer is cached for a second per extension point.
 */
public final class ExtensionPoints {

    /** Registry name of the bean. */
    public static final String BEAN = "extensionPoints";
    private static final long TTL_NANOS = 1_000_000_000L;

    private final CamelContext context;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public ExtensionPoints(CamelContext context) {
        this.context = context;
    }

    /** Whether a started route consumes from {@code seda:<name>}. */
    public boolean subscribed(String name) {
        long now = System.nanoTime();
        Answer answer = answers.get(name);
        if (answer == null || now - answer.at() > TTL_NANOS) {
            answer = new Answer(hasConsumer(name), now);
            answers.put(name, answer);
        }
        return answer.subscribed();
    }

    private boolean hasConsumer(String name) {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof SedaEndpoint seda && name.equals(seda.getEndpointBaseUri().replaceFirst("^seda:(//)?", ""))
                    && !seda.getConsumers().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private record Answer(boolean subscribed, long at) {
    }
}
