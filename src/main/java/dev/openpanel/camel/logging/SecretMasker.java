package dev.openpanel.camel.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text bound for a log. It masks OpenPanel secrets ({@code sec_...}), the
 * hashed secrets the API returns in reads, the value of any {@code openpanel-client-secret} header or
 * {@code secret}/{@code clientSecret} JSON field, and every secret {@linkplain #remember(String) remembered} (the
 * configured root secret, and any created secret of an unusual shape).
 */
public final class SecretMasker {

    /** What a masked secret looks like. */
    public static final String MASK = "[secret]";

    private static final Pattern SHAPED = Pattern.compile(
            "sec_[0-9A-Za-z]{8,}"
                    + "|(?<![0-9a-f])[0-9a-f]{32}\\.[0-9a-f]{64}(?![0-9a-f])");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(openpanel-client-secret[\"']?\\s*[:=]\\s*[\"']?)(?!\\[secret])[^\\s\"',;]+");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:client[_-]?)?secret\"\\s*:\\s*\")(?!\\[secret])[^\"]*(\")");
    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

    private SecretMasker() {
    }

    /** Remembers a secret so that it is masked wherever it appears, whatever its shape. Null is ignored. */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= 4 && !SHAPED.matcher(secret).matches()) {
            REMEMBERED.add(secret);
        }
    }

    /** The text with every secret replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : REMEMBERED) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        masked = SHAPED.matcher(masked).replaceAll(MASK);
        masked = HEADER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return JSON_FIELD.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$2");
    }
}
