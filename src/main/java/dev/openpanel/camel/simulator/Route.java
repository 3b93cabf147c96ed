package dev.openpanel.camel.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A matched Manage API route: which resource's endpoints, which action, and the id in the path (may be empty). */
record Route(String resource, Action action, String id) {

    private static final Pattern PATH = Pattern.compile("/manage/(projects|clients|references)(?:/([^/]*))?");

    /** The route for a method and raw path, or null when the server has none (a 404 that is not counted). */
    static Route match(String method, String rawPath) {
        Matcher matcher = PATH.matcher(rawPath);
        if (!matcher.matches()) {
            return null;
        }
        String resource = matcher.group(1);
        String id = matcher.group(2) == null ? null : URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8);
        Action action = switch (method) {
            case "GET" -> id == null ? Action.LIST : Action.GET;
            case "POST" -> id == null ? Action.CREATE : null;
            case "PATCH" -> id == null ? null : Action.UPDATE;
            case "DELETE" -> id == null ? null : Action.DELETE;
            default -> null;
        };
        return action == null ? null : new Route(resource, action, id);
    }

    boolean hasBody() {
        return action == Action.CREATE || action == Action.UPDATE;
    }

    /** The {@code projectId} query parameter; an empty one is ignored, as the server does. */
    static String projectIdFilter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("projectId")) {
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

}
