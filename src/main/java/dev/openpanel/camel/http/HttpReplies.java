package dev.openpanel.camel.http;

import java.util.Map;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.openpanel.camel.component.api.ManageJson;

/** Answers of the service's own HTTP endpoints (intake, jobs): a status and a JSON body. */
public final class HttpReplies {

    private HttpReplies() {
    }

    /** Sets the status and a JSON body. */
    public static void json(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(ManageJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the bearer token: answers 404 when the endpoint is disabled (no token configured) and 401 without the
     * right token, and returns whether the request may go on.
     */
    public static boolean authorized(Exchange exchange, BearerToken token) {
        if (!token.isEnabled()) {
            json(exchange, 404, Map.of("error", "Not Found", "message", "this endpoint is disabled: openpanel.intake.token is not set"));
            return false;
        }
        if (!token.isAuthorized(exchange.getIn().getHeader("Authorization", String.class))) {
            json(exchange, 401, Map.of("error", "Unauthorized", "message", "a valid 'Authorization: Bearer <token>' header is required"));
            return false;
        }
        return true;
    }
}
