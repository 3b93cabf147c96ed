package dev.openpanel.camel.provisioning;

import java.util.Enumeration;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

/**
 * How many messages wait in a JMS queue of the event channel, counted by browsing it (at each metrics scrape), so an
 * operator sees the backlog and the dead letters without a broker client.
 */
final class QueueDepths {

    /** A browse stops counting here: the figure says "at least" beyond it. */
    private static final int MOST = 100_000;

    private final ConnectionFactory factory;

    QueueDepths(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** The queue a {@code jms:} endpoint URI reads or writes ({@code jms:queue:deployments?...}), or null for another kind. */
    static String queueName(String uri) {
        if (uri == null || !uri.startsWith("jms:") || uri.startsWith("jms:topic:")) {
            return null;
        }
        String name = uri.substring(uri.startsWith("jms:queue:") ? "jms:queue:".length() : "jms:".length());
        int options = name.indexOf('?');
        return options >= 0 ? name.substring(0, options) : name;
    }

    /** The messages in the queue, up to {@value #MOST}; NaN when the broker cannot be asked. */
    double depth(String queue) {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                int count = 0;
                while (count < MOST && messages.hasMoreElements()) {
                    messages.nextElement();
                    count++;
                }
                return count;
            }
        } catch (JMSException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
