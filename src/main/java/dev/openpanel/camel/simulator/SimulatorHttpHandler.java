package dev.openpanel.camel.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Handles every request in the server's order: route match, rate limit, body parsing, body validation,
 * authentication, handler. Unknown routes are not counted and carry no rate-limit headers.
 */
final class SimulatorHttpHandler implements HttpHandler {

    private final Map<String, ResourceEndpoints> endpoints;
    private final Authenticator authenticator;
    private final FixedWindowRateLimit rateLimit;
    private final SimulatorBehavior behavior;
    private final Consumer<RecordedRequest> recorder;
    private final Consumer<String> onReceived;
    private long sequence;

    SimulatorHttpHandler(SimulatorStore store, FixedWindowRateLimit rateLimit, SimulatorBehavior behavior,
            Consumer<RecordedRequest> recorder, Consumer<String> onReceived) {
        this.endpoints = Map.of("projects", new ProjectEndpoints(store), "clients", new ClientEndpoints(store),
                "references", new ReferenceEndpoints(store));
        this.authenticator = new Authenticator(store);
        this.rateLimit = rateLimit;
        this.behavior = behavior;
        this.recorder = recorder;
        this.onReceived = onReceived;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String clientId = exchange.getRequestHeaders().getFirst("openpanel-client-id");
            onReceived.accept(method);
            pause(behavior.delayMillis());
            long arrival = System.nanoTime();
            Instant at = Instant.now();
            Outcome outcome = decide(exchange, method, path, query, body, clientId, arrival);
            record(new RecordedRequest(0, at, arrival, method, path, query, clientId,
                    outcome.response() == null ? 0 : outcome.response().status(),
                    body.length == 0 ? null : new String(body, StandardCharsets.UTF_8)));
            if (outcome.response() != null) {
                send(exchange, outcome.response(), outcome.headers());
            }
        }
    }

    private Outcome decide(HttpExchange exchange, String method, String path, String query, byte[] body, String clientId,
            long arrival) {
        Route route = Route.match(method, path);
        if (route == null) {
            return new Outcome(SimResponse.routeNotFound(method, path + (query == null ? "" : "?" + query)), Map.of());
        }
        String key = clientId != null ? clientId : "ip:" + exchange.getRemoteAddress().getAddress().getHostAddress();
        FixedWindowRateLimit.Decision decision = rateLimit.hit(key, arrival);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit", String.valueOf(decision.limit()));
        headers.put("x-ratelimit-remaining", String.valueOf(decision.remaining()));
        headers.put("x-ratelimit-reset", String.valueOf(decision.resetSeconds()));
        if (decision.limited()) {
            headers.put("retry-after", String.valueOf(decision.resetSeconds()));
            return new Outcome(SimResponse.tooManyRequests(), headers);
        }
        Fault fault = behavior.takeFault(method, path);
        if (fault != null && fault.kind() == Fault.Kind.DROP_BEFORE_HANDLING) {
            return Outcome.DROPPED;
        }
        if (fault != null && fault.kind() == Fault.Kind.ANSWER) {
            return new Outcome(SimResponse.status(fault.status(), fault.body()), headers);
        }
        SimResponse response = handleCounted(exchange, route, query, body);
        if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_HANDLING) {
            return Outcome.DROPPED;
        }
        return new Outcome(response, headers);
    }

    private SimResponse handleCounted(HttpExchange exchange, Route route, String query, byte[] body) {
        ResourceEndpoints resource = endpoints.get(route.resource());
        JsonNode json = null;
        if (route.hasBody()) {
            boolean isJson = isJson(exchange.getRequestHeaders().getFirst("content-type"));
            if (body.length == 0) {
                if (isJson) {
                    return SimResponse.fastify(400, "Body cannot be empty when content-type is set to 'application/json'");
                }
            } else if (!isJson) {
                return SimResponse.fastify(415, "Unsupported Media Type");
            } else {
                try {
                    json = SimJson.MAPPER.readTree(body);
                } catch (IOException e) {
                    return SimResponse.fastify(400, "Body is not valid JSON but content-type is set to 'application/json'");
                }
            }
            Optional<String> invalid = resource.validate(route.action(), json);
            if (invalid.isPresent()) {
                return SimResponse.validation(invalid.get());
            }
        }
        Authenticator.Result auth = authenticator.authenticate(
                exchange.getRequestHeaders().getFirst("openpanel-client-id"),
                exchange.getRequestHeaders().getFirst("openpanel-client-secret"));
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        return resource.handle(route.action(), auth.organizationId(), route.id(), Route.projectIdFilter(query), json);
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";")[0].trim().equalsIgnoreCase("application/json");
    }

    private static void send(HttpExchange exchange, SimResponse response, Map<String, String> headers) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", response.contentType());
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized void record(RecordedRequest request) {
        recorder.accept(new RecordedRequest(++sequence, request.at(), request.nanoTime(), request.method(), request.path(),
                request.query(), request.clientId(), request.status(), request.body()));
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }


    /** What to answer (null: drop the connection) and with which headers. */
    private record Outcome(SimResponse response, Map<String, String> headers) {
        static final Outcome DROPPED = new Outcome(null, Map.of());
    }
}
