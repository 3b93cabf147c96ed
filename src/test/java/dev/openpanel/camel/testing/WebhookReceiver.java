package dev.openpanel.camel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook on loopback for the extension examples: records every body it accepts, and can be taken "down" (answers
 * 503 without keeping the body) and brought back, as a Slack or CI endpoint in trouble would.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on a free loopback port. */
    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = receiver.down.get() ? 503 : 200;
                if (status == 200) {
                    synchronized (receiver.received) {
                        receiver.received.add(new String(body, StandardCharsets.UTF_8));
                    }
                } else {
                    receiver.refused.incrementAndGet();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to post to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** How many posts were refused while down. */
    public int refused() {
        return refused.get();
    }

    /** Every body accepted, in order. */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
