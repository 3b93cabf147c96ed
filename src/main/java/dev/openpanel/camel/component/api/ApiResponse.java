package dev.openpanel.camel.component.api;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import dev.openpanel.camel.component.limit.ServerBudget;

/**
 * An answer of the Manage API: status, the headers this project reads, and the body as text.
 */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** What the answer says about the rate-limit window. */
    public ServerBudget budget() {
        return new ServerBudget(status == 429, intHeader("x-ratelimit-limit"), intHeader("x-ratelimit-remaining"),
                intHeader("x-ratelimit-reset"), intHeader("retry-after"));
    }

    private OptionalInt intHeader(String name) {
        String value = headers.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
