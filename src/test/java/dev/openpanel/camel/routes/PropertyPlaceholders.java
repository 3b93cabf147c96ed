package dev.openpanel.camel.routes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Camel property placeholders ({@code {{key}}}, {@code {{key:default}}}, {@code {{env:NAME:default}}}) the way
 * the service does with the shipped configuration, environment aside: an environment placeholder takes its default.
 * A key the properties do not have is left as written and remembered, so a caller can refuse it explicitly.
 */
final class PropertyPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    /** Values may refer to other keys; deeper nesting than this is a loop. */
    private static final int MAX_DEPTH = 10;

    private final Properties properties;
    private final Set<String> unresolved = new TreeSet<>();

    PropertyPlaceholders(Properties properties) {
        this.properties = properties;
    }

    static PropertyPlaceholders of(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new PropertyPlaceholders(properties);
    }

    String resolve(String text) {
        String result = text;
        for (int depth = 0; depth < MAX_DEPTH && result.contains("{{"); depth++) {
            String next = replaceOnce(result);
            if (next.equals(result)) {
                break;
            }
            result = next;
        }
        return result;
    }

    /** The placeholder keys met so far that the properties do not have (and that have no default). */
    Set<String> unresolved() {
        return unresolved;
    }

    private String replaceOnce(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = lookup(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String lookup(String expression) {
        String key = expression;
        String fallback = null;
        if (expression.startsWith("env:")) {
            int colon = expression.indexOf(':', 4);
            return colon < 0 ? remember(expression) : expression.substring(colon + 1);
        }
        int colon = expression.indexOf(':');
        if (colon >= 0) {
            key = expression.substring(0, colon);
            fallback = expression.substring(colon + 1);
        }
        String value = properties.getProperty(key.trim());
        if (value != null) {
            return value.trim();
        }
        return fallback != null ? fallback : remember(key);
    }

    private String remember(String key) {
        unresolved.add(key);
        return null;
    }
}
