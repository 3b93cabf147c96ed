package dev.openpanel.camel.component.api;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.service.ServiceHelper;

import dev.openpanel.camel.component.model.ClientCredentials;

/**
 * Sends requests through a camel-http endpoint of the component's own {@link HttpComponent}, whose automatic retries
 * are disabled (the project's client owns every retry; HttpClient 5.5 would otherwise honour {@code Retry-After} by
 * itself and stall the route). Each call uses a fresh exchange carrying only the API's headers, so nothing from a
 * route's message reaches the API and the secret never travels through a route.
 */
public final class CamelHttpTransport implements HttpTransport {

    private static final String[] KEPT_HEADERS = {
            "content-type", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after" };

    private final Endpoint endpoint;
    private final Producer producer;

    /**
     * @param http            an HTTP component with automatic retries disabled
     * @param apiUrl          the API root, e.g. {@code https://api.openpanel.dev}
     * @param connectTimeout  how long to wait for a connection
     * @param responseTimeout how long to wait for an answer once the request is sent
     */
    public CamelHttpTransport(HttpComponent http, String apiUrl, Duration connectTimeout, Duration responseTimeout)
            throws Exception {
        this.endpoint = http.createEndpoint(apiUrl + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connectTimeout.toMillis()
                + "&responseTimeout=" + responseTimeout.toMillis()
                + "&soTimeout=" + responseTimeout.toMillis());
        ServiceHelper.startService(endpoint);
        this.producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public ApiResponse send(ApiRequest request, ClientCredentials credentials) throws IOException {
        Exchange exchange = endpoint.createExchange();
        Message in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        in.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            in.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        in.setHeader("accept", "application/json");
        in.setHeader("openpanel-client-id", credentials.clientId());
        in.setHeader("openpanel-client-secret", credentials.secret().reveal());
        if (request.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
            in.setBody(request.body());
        }
        try {
            producer.process(exchange);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            IOException io = findIoException(failure);
            if (io == null) {
                throw new IllegalStateException("camel-http failed before sending " + request + ": " + failure, failure);
            }
            throw io;
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = out.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new ApiResponse(status == null ? 0 : status, headers, out.getBody(String.class));
    }

    private static IOException findIoException(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    @Override
    public void close() {
        ServiceHelper.stopAndShutdownServices(producer, endpoint);
    }
}
