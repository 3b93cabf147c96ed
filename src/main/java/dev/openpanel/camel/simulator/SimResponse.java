package dev.openpanel.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer of the simulator, with the bodies and content types the real server uses. */
record SimResponse(int status, String contentType, String body) {

    private static final String JSON = "application/json; charset=utf-8";

    static SimResponse data(JsonNode data) {
        ObjectNode body = SimJson.object();
        body.set("data", data);
        return new SimResponse(200, JSON, body.toString());
    }

    static SimResponse success() {
        return new SimResponse(200, JSON, SimJson.object().put("success", true).toString());
    }

    static SimResponse validation(String message) {
        return new SimResponse(400, JSON, SimJson.object().put("status", 400).put("error", "Error").put("message", message).toString());
    }

    static SimResponse fastify(int status, String message) {
        return new SimResponse(status, JSON,
                SimJson.object().put("status", status).put("error", "FastifyError").put("message", message).toString());
    }

    static SimResponse unauthorized(String message) {
        return new SimResponse(401, JSON, SimJson.object().put("error", "Unauthorized").put("message", message).toString());
    }

    static SimResponse notFound(String what) {
        return new SimResponse(404, JSON, SimJson.object().put("status", 404).put("message", what + " not found").toString());
    }

    static SimResponse routeNotFound(String method, String url) {
        return new SimResponse(404, JSON, SimJson.object().put("message", "Route " + method + ":" + url + " not found")
                .put("error", "Not Found").put("statusCode", 404).toString());
    }

    static SimResponse tooManyRequests() {
        return new SimResponse(429, JSON, SimJson.object().put("status", 429).put("error", "Too Many Requests")
                .put("message", "You have exceeded the rate limit for this endpoint.").toString());
    }

    static SimResponse internalError() {
        return new SimResponse(500, "text/plain; charset=utf-8", "Internal server error");
    }

    static SimResponse status(int status, String body) {
        return new SimResponse(status, JSON, body);
    }
}
