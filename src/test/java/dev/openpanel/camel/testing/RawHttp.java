package dev.openpanel.camel.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpanel.camel.simulator.SimulatorStore;

/** Plain HTTP calls to the simulator, for tests of the simulator itself (no component, no limiter). */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String clientId;
    private final String secret;
    private final String authorization;

    public RawHttp(String baseUrl, String clientId, String secret) {
        this(baseUrl, clientId, secret, null);
    }

    private RawHttp(String baseUrl, String clientId, String secret, String authorization) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.secret = secret;
        this.authorization = authorization;
    }

    /** The service's own endpoints (intake, jobs) with {@code Authorization: Bearer <token>}; a null token sends none. */
    public static RawHttp bearer(String baseUrl, String token) {
        return new RawHttp(baseUrl, null, null, token == null ? null : "Bearer " + token);
    }

    public RawHttp(String baseUrl, SimulatorStore.SeededClient client) {
        this(baseUrl, client.id(), client.secret());
    }

    /** The same server as another client (null headers are left out). */
    public RawHttp as(String otherClientId, String otherSecret) {
        return new RawHttp(baseUrl, otherClientId, otherSecret);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, "application/json", json);
    }

    /** Any request; a null content type or body is left out. */
    public Answer send(String method, String path, String contentType, String body) {
        List<String> headers = new ArrayList<>();
        if (clientId != null) {
            headers.add("openpanel-client-id");
            headers.add(clientId);
        }
        if (secret != null) {
            headers.add("openpanel-client-secret");
            headers.add(secret);
        }
        if (authorization != null) {
            headers.add("Authorization");
            headers.add(authorization);
        }
        if (contentType != null) {
            headers.add("content-type");
            headers.add(contentType);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers, body. */
    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
